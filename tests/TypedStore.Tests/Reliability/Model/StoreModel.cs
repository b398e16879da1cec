namespace TypedStore.Tests.Reliability.Model;

/// <summary>The plain in-memory model of a <see cref="ReliabilityStore"/>: what every read must agree with.</summary>
internal sealed class StoreModel
{
    public ModelTable<string, Account> Accounts { get; private init; } = new(static a => a.Id, ValueOrder.Utf8);

    public ModelTable<(string, long), Note> Notes { get; private init; } = new(static n => (n.UserId, n.NoteId), ValueOrder.StringThenInt64);

    public ModelTable<(Guid, int), Device> Devices { get; private init; } = new(static d => (d.OwnerId, d.Seq), ValueOrder.GuidThenInt32);

    public ModelTable<(byte[], int), FileEntry> Files { get; private init; } = new(static f => (f.OwnerId, f.Seq), ValueOrder.BytesThenInt32);

    public SoftDeleteModel Drafts { get; private init; } = new();

    public ModelTable<string, ConfigEntry> Config { get; private init; } = new(static c => c.Name, ValueOrder.Utf8);

    public void DeleteNotesOf(string userId) => Notes.DeleteWhere(key => key.Item1 == userId);

    public void DeleteDevicesOf(Guid ownerId) => Devices.DeleteWhere(key => key.Item1 == ownerId);

    public StoreModel Clone() => new()
    {
        Accounts = Accounts.Clone(),
        Notes = Notes.Clone(),
        Devices = Devices.Clone(),
        Files = Files.Clone(),
        Drafts = Drafts.Clone(),
        Config = Config.Clone(),
    };
}
