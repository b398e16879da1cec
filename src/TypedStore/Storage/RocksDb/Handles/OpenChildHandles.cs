namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// The iterators, snapshots and write batches an engine has handed out and not yet seen disposed.
/// Each holds a reference on the database, so without this list a forgotten iterator would keep the store
/// open (and its LOCK held) after the engine's Dispose. On engine Dispose every live child is disposed
/// (a call it has in flight still completes: see <see cref="RocksDbHandle"/>), then the database closes.
/// </summary>
/// <remarks>
/// Children are tracked through weak references so that one the caller drops without disposing is still
/// reclaimed by its finalizer while the engine lives on; dead entries are pruned as the list grows.
/// </remarks>
internal sealed class OpenChildHandles
{
    private const int InitialPruneThreshold = 32;

    private readonly Lock _gate = new();
    private readonly HashSet<WeakReference<DatabaseChildHandle>> _children = [];
    private int _pruneThreshold = InitialPruneThreshold;
    private bool _closed;

    /// <summary>
    /// Starts tracking <paramref name="child"/> and returns the token that <see cref="Remove"/> takes.
    /// If the engine is already being disposed, disposes the child and throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public WeakReference<DatabaseChildHandle> Add(DatabaseChildHandle child)
    {
        var token = new WeakReference<DatabaseChildHandle>(child);
        lock (_gate)
        {
            if (!_closed)
            {
                if (_children.Count >= _pruneThreshold)
                {
                    _children.RemoveWhere(static entry => !entry.TryGetTarget(out _));
                    _pruneThreshold = Math.Max(InitialPruneThreshold, _children.Count * 2);
                }

                _children.Add(token);
                return token;
            }
        }

        child.Dispose();
        throw new ObjectDisposedException(nameof(RocksDbEngine));
    }

    /// <summary>Stops tracking a child that was disposed by its owner.</summary>
    public void Remove(WeakReference<DatabaseChildHandle> token)
    {
        lock (_gate)
        {
            _children.Remove(token);
        }
    }

    /// <summary>Refuses new children and disposes every live one.</summary>
    public void CloseAndDisposeAll()
    {
        WeakReference<DatabaseChildHandle>[] children;
        lock (_gate)
        {
            _closed = true;
            children = [.. _children];
            _children.Clear();
        }

        foreach (WeakReference<DatabaseChildHandle> entry in children)
        {
            if (entry.TryGetTarget(out DatabaseChildHandle? child))
            {
                child.Dispose();
            }
        }
    }
}
