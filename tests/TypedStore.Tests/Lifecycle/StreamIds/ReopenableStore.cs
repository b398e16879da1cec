using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle.StreamIds;

/// <summary>
/// The stream tables of <see cref="LifecycleStore"/> on a store that can be closed and opened again: on RocksDB a
/// directory, on the memory engine one engine kept alive across runtimes (each <see cref="Open"/> creates a new
/// runtime and new table cores over it, as opening a store does, so nothing the previous session held in memory
/// survives but the engine's contents).
/// </summary>
internal abstract class ReopenableStore : IDisposable
{
    private static readonly Lazy<TableDescriptor[]> s_tables = new(() =>
    {
        using LifecycleStore store = LifecycleStore.OpenInMemory();
        return [store.Events.Core.Descriptor, store.Presence.Core.Descriptor];
    });

    protected static IReadOnlyList<TableDescriptor> Tables => s_tables.Value;

    public Session Open(TimeProvider clock) => new(OpenRuntime(new StoreOptions { TimeProvider = clock }));

    public abstract void Dispose();

    protected abstract StoreRuntime OpenRuntime(StoreOptions options);

    /// <summary>One open session: the runtime and its stream tables.</summary>
    internal sealed class Session(StoreRuntime runtime) : IDisposable
    {
        public StoreRuntime Runtime { get; } = runtime;

        public LifecycleStore.EventsTable<DirectContext> Events { get; } = new(
            new(runtime, Tables[0], new GeneratedIdKeys<StreamEvent, LifecycleStore.EventsKey, LifecycleStore.EventsCodec>()),
            runtime.Context);

        public LifecycleStore.PresenceTable<DirectContext> Presence { get; } = new(
            new(
                runtime,
                Tables[1],
                new GeneratedIdKeys<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(),
                new KeyPrefixLengths<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>()),
            runtime.Context);

        public void Dispose() => Runtime.Dispose();
    }
}

/// <summary>A RocksDB store in a directory of its own.</summary>
internal sealed class RocksDbReopenableStore : ReopenableStore
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-streamids-" + Guid.NewGuid().ToString("N"));

    protected override StoreRuntime OpenRuntime(StoreOptions options) => StoreRuntime.Open("LifecycleStore", new RocksDbEngineProvider(_path), Tables, options, static runtime => runtime);

    public override void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}

/// <summary>A memory engine that outlives the runtimes opened over it.</summary>
internal sealed class MemoryReopenableStore : ReopenableStore
{
    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(Tables));

    protected override StoreRuntime OpenRuntime(StoreOptions options) => StoreRuntime.Create("LifecycleStore", new KeptOpenEngine(_engine), Tables, options);

    public override void Dispose() => _engine.Dispose();

    // Closing a runtime closes its engine: this one forwards everything but that.
    private sealed class KeptOpenEngine(StorageEngine inner) : Storage.ForwardingStorageEngine(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
