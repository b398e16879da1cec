namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// The iterators, snapshots and write batches an engine has handed out and not yet seen disposed.
/// Each holds a reference on the database, so without this list a forgotten iterator would keep the store
/// open (and its LOCK held) after the engine's Dispose. On engine Dispose every live child is disposed
/// (a call it has in flight still completes: see <see cref="RocksDbHandle"/>), then the database closes.
/// </summary>
/// <remarks>
/// <para>
/// Children are tracked through weak references so that one the caller drops without disposing is still
/// reclaimed by its finalizer while the engine lives on; dead entries are pruned as the list grows.
/// </para>
/// <para>
/// The references are <em>long</em> weak references (<c>trackResurrection: true</c>). A short one is cleared as
/// soon as the GC finds the child unreachable, before its finalizer has run; the child's database reference is
/// only given back by that finalizer. So with short references a child that was collected but whose finalizer was
/// still queued was invisible here, engine Dispose skipped it, and the database stayed open (LOCK held, and with
/// the WAL off nothing flushed) until the finalizer thread got to it, or never if the process exited first. A long
/// weak reference keeps answering until the finalizer has run, and the finalizer is what releases the reference,
/// so "not found here" now implies "already released": Dispose closes the database without depending on the GC.
/// Disposing a child that sits in the finalization queue is safe: <see cref="System.Runtime.InteropServices.SafeHandle"/>
/// releases exactly once, and the finalizer that runs later finds the handle closed.
/// </para>
/// <para>
/// Strong tracking (the list owns the child handles; the public wrappers get finalizers that dispose and untrack
/// them) would close the gap as well, but adds a finalizable object to every scan and makes the release of a
/// dropped iterator wait for two finalization passes; a long weak reference costs nothing on the scan path.
/// </para>
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
        var token = new WeakReference<DatabaseChildHandle>(child, trackResurrection: true);
        lock (_gate)
        {
            if (!_closed)
            {
                if (_children.Count >= _pruneThreshold)
                {
                    _children.RemoveWhere(static entry => !entry.TryGetTarget(out DatabaseChildHandle? tracked) || tracked.IsClosed);
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

    /// <summary>
    /// Refuses new children and disposes every one not released yet, including those the GC has collected but
    /// whose finalizer has not run (see the remarks on the class).
    /// </summary>
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
