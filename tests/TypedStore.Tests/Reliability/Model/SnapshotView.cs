namespace TypedStore.Tests.Reliability.Model;

/// <summary>Reads a <see cref="ReliabilityStoreSnapshot"/>: the store as it was when the snapshot was taken.</summary>
internal sealed class SnapshotView(ReliabilityStoreSnapshot store) : IReliabilityView
{
    public Account? GetAccount(string id) => store.Accounts.Get(id);

    public IEnumerable<Account> ScanAccounts(bool reverse) => store.Accounts.ScanAll(reverse);

    public long CountAccounts() => store.Accounts.Count();

    public Note? GetNote(string userId, long noteId) => store.Notes.Get(userId, noteId);

    public IEnumerable<Note> ScanNotes(bool reverse) => store.Notes.ScanAll(reverse);

    public IEnumerable<Note> ScanNotesOf(string userId) => store.Notes.ScanUser(userId);

    public long CountNotes() => store.Notes.Count();

    public long CountNotesOf(string userId) => store.Notes.CountUser(userId);

    public Device? GetDevice(Guid ownerId, int seq) => store.Devices.Get(ownerId, seq);

    public IEnumerable<Device> ScanDevices(bool reverse) => store.Devices.ScanAll(reverse);

    public IEnumerable<Device> ScanDevicesOf(Guid ownerId) => store.Devices.ScanUser(ownerId);

    public long CountDevices() => store.Devices.Count();

    public long CountDevicesOf(Guid ownerId) => store.Devices.CountUser(ownerId);

    public FileEntry? GetFile(byte[] ownerId, int seq) => store.Files.Get(ownerId, seq);

    public IEnumerable<FileEntry> ScanFiles(bool reverse) => store.Files.ScanAll(reverse);

    public IEnumerable<FileEntry> ScanFilesOf(byte[] ownerId) => store.Files.Scan(ownerId);

    public long CountFiles() => store.Files.Count();

    public Draft? GetDraft(string userId, int draftId) => store.Drafts.Get(userId, draftId);

    public TypedStore.Tables.TableEntry<Draft>? GetDraftEntry(string userId, int draftId) => store.Drafts.GetEntry(userId, draftId);

    public IEnumerable<Draft> ScanDrafts(bool reverse, bool includeDeleted) => store.Drafts.ScanAll(reverse, includeDeleted);

    public IEnumerable<Draft> ScanDraftsOf(string userId) => store.Drafts.ScanUser(userId);

    public long CountDrafts() => store.Drafts.Count();

    public long CountDraftsOf(string userId) => store.Drafts.CountUser(userId);

    public IEnumerable<ReliabilityStore.DraftsChange> ReadDraftChanges(long sinceSequence) => store.Drafts.ReadChanges(sinceSequence);

    public IEnumerable<ReliabilityStore.DraftsChange> ReadDraftChanges(string userId, long sinceSequence) => store.Drafts.ReadChanges(userId, sinceSequence);

    public ConfigEntry? GetConfig(string name) => store.Config.Get(name);

    public IEnumerable<ConfigEntry> ScanConfig(bool reverse) => store.Config.ScanAll(reverse);

    public long CountConfig() => store.Config.Count();
}
