using System.ComponentModel;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A snapshot: reads see every table as it was when the snapshot was created. What <c>snapshot.Table</c> is bound
/// to. Reads only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SnapshotContext : IReadContext
{
    private readonly StoreSnapshotRuntime _snapshot;

    /// <summary>The context of <paramref name="snapshot"/>.</summary>
    public SnapshotContext(StoreSnapshotRuntime snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
    }

    StorageSnapshot? IReadContext.Snapshot => _snapshot.Snapshot;
}
