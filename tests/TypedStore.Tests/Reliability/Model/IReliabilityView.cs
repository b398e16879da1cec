namespace TypedStore.Tests.Reliability.Model;

/// <summary>The read members of a <see cref="ReliabilityStore"/>, implemented by the store and by its snapshots.</summary>
internal interface IReliabilityView
{
    Account? GetAccount(string id);

    IEnumerable<Account> ScanAccounts(bool reverse);

    long CountAccounts();

    Note? GetNote(string userId, long noteId);

    IEnumerable<Note> ScanNotes(bool reverse);

    IEnumerable<Note> ScanNotesOf(string userId);

    long CountNotes();

    long CountNotesOf(string userId);

    Device? GetDevice(Guid ownerId, int seq);

    IEnumerable<Device> ScanDevices(bool reverse);

    IEnumerable<Device> ScanDevicesOf(Guid ownerId);

    long CountDevices();

    long CountDevicesOf(Guid ownerId);

    FileEntry? GetFile(byte[] ownerId, int seq);

    IEnumerable<FileEntry> ScanFiles(bool reverse);

    IEnumerable<FileEntry> ScanFilesOf(byte[] ownerId);

    long CountFiles();

    Draft? GetDraft(string userId, int draftId);

    TypedStore.Tables.TableEntry<Draft>? GetDraftEntry(string userId, int draftId);

    IEnumerable<Draft> ScanDrafts(bool reverse, bool includeDeleted);

    IEnumerable<Draft> ScanDraftsOf(string userId);

    long CountDrafts();

    long CountDraftsOf(string userId);

    IEnumerable<ReliabilityStore.DraftsChange> ReadDraftChanges(long sinceSequence);

    IEnumerable<ReliabilityStore.DraftsChange> ReadDraftChanges(string userId, long sinceSequence);

    ConfigEntry? GetConfig(string name);

    IEnumerable<ConfigEntry> ScanConfig(bool reverse);

    long CountConfig();
}
