using System.Collections.Concurrent;
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

    // The mod revision (0: absent) of keys point-read through this snapshot, so a transaction's commit compares them
    // without reading them again. Bounded: a long-lived snapshot that reads many keys stops remembering.
    private const int MaxRemembered = 4096;
    private readonly ConcurrentDictionary<byte[], long> _modRevisions = new(ByteArrayEquality.Instance);

    /// <summary>Notes what a point read through the snapshot found.</summary>
    public void Remember(byte[] fullKey, long modRevision)
    {
        if (_modRevisions.Count < MaxRemembered)
        {
            _modRevisions.TryAdd(fullKey, modRevision);
        }
    }

    /// <summary>The mod revision a point read through the snapshot found for the key, when one did.</summary>
    public bool TryRecall(byte[] fullKey, out long modRevision) => _modRevisions.TryGetValue(fullKey, out modRevision);

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Engine.Live.Release(Revision);
        }
    }
}
