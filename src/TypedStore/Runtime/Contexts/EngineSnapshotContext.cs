using TypedStore.Storage;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A read context over an engine snapshot the runtime holds itself (or the latest state when none): what an async read
/// that took its own snapshot (an index query reading its entries and then their rows) reads the rows through, so both
/// come from one moment.
/// </summary>
internal readonly struct EngineSnapshotContext : IReadContext
{
    private readonly StorageSnapshot? _snapshot;

    public EngineSnapshotContext(StorageSnapshot? snapshot) => _snapshot = snapshot;

    StorageSnapshot? IReadContext.Snapshot => _snapshot;
}
