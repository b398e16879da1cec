using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using TypedStore.Etcd.Internal;
using TypedStore.Storage;
using Xunit.Abstractions;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The engine owns compaction: it compacts the cluster's history (so etcd never reaches NOSPACE) but never past a
/// revision a live snapshot or iterator reads, its own or another store's; once they are released it compacts further.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdCompactionTests(EtcdCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task LiveSnapshot_StaysReadable_ThenCompactionAdvancesPastIt_WhenReleased()
    {
        using EtcdStorageEngine engine = Open();
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k"u8, "old"u8);
        StorageSnapshot snapshot = engine.CreateSnapshot();
        long pinned = ((EtcdSnapshot)snapshot).Revision;
        using StorageIterator iterator = engine.CreateIterator(alpha, snapshot: snapshot);
        for (int i = 0; i < 50; i++)
        {
            engine.Put(alpha, "k"u8, System.Text.Encoding.ASCII.GetBytes("new" + i));
        }

        long compacted = await engine.Compactor.RunOnceAsync(CancellationToken.None);

        // Compacted right up to the snapshot, not past it: everything older than the snapshot is gone.
        Assert.Equal(pinned, compacted);
        Assert.True(IsCompacted(pinned - 1));
        Assert.Equal("old"u8.ToArray(), Read(engine, alpha, snapshot));
        iterator.SeekToFirst();
        Assert.Equal("old"u8.ToArray(), iterator.Value.ToArray());

        snapshot.Dispose();
        iterator.Dispose();
        long after = await engine.Compactor.RunOnceAsync(CancellationToken.None);
        output.WriteLine($"snapshot at revision {pinned}: compaction stopped at {compacted}; after its release it reached {after}");
        Assert.True(after > pinned);
        Assert.True(IsCompacted(pinned));
        Assert.Equal("new49"u8.ToArray(), Read(engine, alpha, null));
    }

    [Fact]
    public async Task AnotherStoresSnapshot_HoldsThisStoresCompaction_UntilReleased()
    {
        using EtcdStorageEngine compacting = Open();
        using EtcdStorageEngine other = Open();
        StorageColumnFamily mine = compacting.GetColumnFamily("alpha");
        StorageColumnFamily theirs = other.GetColumnFamily("alpha");
        other.Put(theirs, "k"u8, "theirs-old"u8);
        StorageSnapshot held = other.CreateSnapshot();
        long pinned = ((EtcdSnapshot)held).Revision;
        other.Put(theirs, "k"u8, "theirs-new"u8);
        for (int i = 0; i < 30; i++)
        {
            compacting.Put(mine, "k"u8, [(byte)i]);
        }

        // The other engine publishes its floor on its own rounds (here: one, on demand).
        _ = await other.Compactor.RunOnceAsync(CancellationToken.None);
        long compacted = await compacting.Compactor.RunOnceAsync(CancellationToken.None);
        Assert.True(compacted <= pinned, $"compacted to {compacted}, past the other store's snapshot at {pinned}");
        Assert.Equal("theirs-old"u8.ToArray(), Read(other, theirs, held));

        held.Dispose();
        _ = await other.Compactor.RunOnceAsync(CancellationToken.None);
        Assert.True(await compacting.Compactor.RunOnceAsync(CancellationToken.None) > pinned);
    }

    [Fact]
    public async Task IteratorWithoutSnapshot_HoldsItsRevision_WhilePagingAfterCompaction()
    {
        EtcdEngineOptions options = cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.Zero,
            CompactionRetainedRevisions = 0,
            PageSize = 2,
        });
        using var engine = (EtcdStorageEngine)EtcdEngine.Connect(options).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        for (int i = 0; i < 6; i++)
        {
            engine.Put(alpha, [(byte)('a' + i)], [(byte)i]);
        }

        using StorageIterator iterator = engine.CreateIterator(alpha);
        engine.DeleteRange(alpha, "a"u8, "z"u8);
        _ = await engine.Compactor.RunOnceAsync(CancellationToken.None);

        // Pages after the first are read at the iterator's revision, which compaction left alone.
        var keys = new List<byte>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(iterator.Key[0]);
        }

        Assert.Equal("abcdef"u8.ToArray(), keys.ToArray());
    }

    [Fact]
    public async Task BackgroundCompactor_Compacts_WithoutBeingAsked()
    {
        EtcdEngineOptions options = cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.FromMilliseconds(200),
            CompactionRetainedRevisions = 0,
        });
        using var engine = (EtcdStorageEngine)EtcdEngine.Connect(options).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k"u8, "1"u8);
        long written = engine.Connection.LastSeenRevision;

        // Not a sleep hoping for the best: polls the compactor's own record, failing after a generous limit.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (engine.Compactor.CompactedRevision < written)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the background compactor did not run");
            await Task.Delay(50);
        }

        Assert.True(IsCompacted(written - 1));
    }

    private EtcdStorageEngine Open()
        => (EtcdStorageEngine)EtcdEngine.Connect(cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.Zero,
            CompactionRetainedRevisions = 0,
        })).Open(["alpha"], new StoreOptions());

    private static byte[]? Read(StorageEngine engine, StorageColumnFamily family, StorageSnapshot? snapshot)
    {
        byte[] buffer = new byte[64];
        int length = engine.Get(family, "k"u8, buffer, snapshot);
        return length < 0 ? null : buffer[..length];
    }

    // Whether the cluster refuses a read at this revision as compacted (asked directly, not through the engine).
    private bool IsCompacted(long revision)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(cluster.Endpoints[0]);
        try
        {
            _ = new KV.KVClient(channel).Range(new RangeRequest { Key = ByteString.CopyFromUtf8("probe"), Revision = revision });
            return false;
        }
        catch (RpcException error) when (error.Status.Detail.Contains("compacted", StringComparison.Ordinal))
        {
            return true;
        }
    }
}
