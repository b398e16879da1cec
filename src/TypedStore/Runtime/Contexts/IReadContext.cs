using System.ComponentModel;
using TypedStore.Storage;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A context that reads: what a point read, a scan or a count needs besides the table, which is the engine view to
/// read (the latest state, or a snapshot's).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IReadContext : ITableContext
{
    /// <summary>
    /// The snapshot reads see, or <see langword="null"/> for the latest committed state. Throws
    /// <see cref="ObjectDisposedException"/> when the snapshot (or its store) is disposed.
    /// </summary>
    internal StorageSnapshot? Snapshot { get; }
}
