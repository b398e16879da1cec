using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// A snapshot on etcd: a revision every read through it is pinned to. Held in the engine's <see cref="LiveRevisions"/>
/// until disposed, so the engine's compactor leaves that revision readable.
/// </summary>
internal sealed class EtcdSnapshot : StorageSnapshot
{
    private int _disposed;

    public EtcdSnapshot(EtcdStorageEngine engine, long revision)
    {
        Engine = engine;
        Revision = revision;
        engine.Live.Hold(revision);
    }

    public EtcdStorageEngine Engine { get; }

    public long Revision { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Engine.Live.Release(Revision);
        }
    }
}
