using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Tables;

/// <summary>
/// The per-table handles on a codec's roles (<see cref="GeneratedIdKeys{TKey}"/>, <see cref="KeyPrefixLengths"/>,
/// <see cref="UserKeys{TKey}"/>) are what the table core's features use; generated code always passes them. A core
/// built without one its table needs is refused at construction, instead of quietly running as a table without the
/// feature (a stream aging rows by <c>_updated</c>).
/// </summary>
public sealed class CodecRoleWiringTests : IDisposable
{
    // The generated descriptor: its schema says which key part is generated, which is what the check reads.
    private static readonly TableDescriptor s_presence = GeneratedPresenceDescriptor();
    private static readonly TableDescriptor s_notes = new("notes", TableKind.User, softDelete: true, changeFeed: true);
    private static readonly TableDescriptor[] s_tables = [s_presence, s_notes];

    private readonly StoreRuntime _runtime = StoreRuntime.Create(
        "LifecycleStore",
        StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(s_tables)),
        s_tables,
        new StoreOptions());

    public void Dispose() => _runtime.Dispose();

    private static TableDescriptor GeneratedPresenceDescriptor()
    {
        using LifecycleStore store = LifecycleStore.OpenInMemory();
        return store.Presence.Core.Descriptor;
    }

    [Fact]
    public void ATableWithAGeneratedKeyPart_NeedsItsGeneratedIdKeys()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TableCore<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(_runtime, s_presence));

        Assert.Equal("generatedIdKeys", error.ParamName);
        Assert.Contains("presence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APartitionedStream_NeedsItsKeyPrefixLengths()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TableCore<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(
                _runtime, s_presence, new GeneratedIdKeys<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>()));

        Assert.Equal("keyPrefixes", error.ParamName);
    }

    [Fact]
    public void AUserTableWithAChangeFeed_NeedsItsUserKeys()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TableCore<Note, LifecycleStore.NotesKey, LifecycleStore.NotesCodec>(_runtime, s_notes));

        Assert.Equal("userKeys", error.ParamName);
    }

    [Fact]
    public void WithTheirHandles_TheTablesAreBuilt()
    {
        var presence = new TableCore<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(
            _runtime,
            s_presence,
            new GeneratedIdKeys<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(),
            new KeyPrefixLengths<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>());
        var notes = new TableCore<Note, LifecycleStore.NotesKey, LifecycleStore.NotesCodec>(
            _runtime, s_notes, userKeys: new UserKeys<Note, LifecycleStore.NotesKey, LifecycleStore.NotesCodec>());

        Assert.Equal("presence", presence.Descriptor.Name);
        Assert.Equal("notes", notes.Descriptor.Name);
    }
}
