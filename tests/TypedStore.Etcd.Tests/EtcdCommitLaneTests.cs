using Etcdserverpb;
using Google.Protobuf;
using Grpc.Net.Client;
using TypedStore.Etcd.Internal;
using TypedStore.Storage;
using Xunit.Abstractions;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// Commit lanes (docs/scale-out.md, "Lanes of processes that die"): they live on an etcd lease the engine keeps alive,
/// so a process that dies without disposing leaves none behind once the lease runs out, a live engine keeps its own,
/// and a retry never applies a write twice, whether its lane is still there or expired meanwhile.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdCommitLaneTests(EtcdCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task EngineThatVanishesWithoutDispose_LeavesNoLaneKeys_AfterItsLease_WhileALiveEnginesLanesSurvive()
    {
        using EtcdStorageEngine live = Open(ShortLease);
        EtcdStorageEngine vanishing = Open(ShortLease);
        await WriteConcurrentlyAsync(live, 3);
        await WriteConcurrentlyAsync(vanishing, 4);
        long vanishingLanes = LaneCount(vanishing);
        Assert.True(vanishingLanes > 0, "the vanishing engine wrote through its lanes");

        vanishing.Vanish();

        // Nothing was deleted by the engine itself: it is the lease running out that removes the lanes.
        Assert.Equal(vanishingLanes, LaneCount(vanishing));
        DateTime deadline = DateTime.UtcNow + ShortLease + TimeSpan.FromSeconds(30);
        while (LaneCount(vanishing) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, LaneCount(vanishing));
        output.WriteLine($"{vanishingLanes} lanes of the vanished engine expired with its {ShortLease.TotalSeconds} s lease");

        // The live engine's lease is older than the one that expired, and still the first one it was granted.
        Assert.True(LaneCount(live) > 0, "the live engine's lanes survive");
        Assert.Equal(1, live.Lanes.Lease.Granted);
        StorageColumnFamily alpha = live.GetColumnFamily("alpha");
        live.Put(alpha, "after"u8, "still-writes"u8);
        Assert.Equal("still-writes"u8.ToArray(), Read(live, "after"u8));
        Assert.Equal(1, live.Lanes.Lease.Granted);
    }

    [Fact]
    public async Task Dispose_RemovesTheEnginesLaneKeys()
    {
        EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        await WriteConcurrentlyAsync(engine, 3);
        Assert.True(LaneCount(engine) > 0);

        engine.Dispose();

        Assert.Equal(0, LaneCount(engine));
    }

    [Fact]
    public async Task RetryOfAnAppliedCommit_WithItsLaneAlive_ReportsItDone_AndDoesNotApplyItAgain()
    {
        using EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k"u8, "v0"u8);
        PreparedCommit commit = await engine.PrepareCommitAsync([PutOf(engine, "k"u8, "v1"u8)], null, "test put", CancellationToken.None);

        // The first attempt is applied, but its answer is lost; another write follows it.
        _ = await engine.Connection.TxnAsync(commit.Request, "test put", CancellationToken.None);
        engine.Put(alpha, "k"u8, "v2"u8);
        long before = engine.AppliedByEarlierAttempt;

        bool applied = await engine.SendCommitAsync(commit, CancellationToken.None);

        Assert.True(applied, "the retry reports the commit done");
        Assert.Equal(before + 1, engine.AppliedByEarlierAttempt);
        Assert.Equal("v2"u8.ToArray(), Read(engine, "k"u8));
    }

    [Fact]
    public async Task RetryOfAnAppliedCommit_AfterItsLaneExpired_FailsNamingTheLease_AndDoesNotApplyItAgain()
    {
        using EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k"u8, "v0"u8);
        PreparedCommit commit = await engine.PrepareCommitAsync([PutOf(engine, "k"u8, "v1"u8)], null, "test put", CancellationToken.None);
        Assert.NotEqual(0, commit.Lane.KnownModRevision);
        _ = await engine.Connection.TxnAsync(commit.Request, "test put", CancellationToken.None);
        engine.Put(alpha, "k"u8, "v2"u8);

        // The lease runs out (revoked here: what etcd does when a process stops renewing it) and the lanes go with it.
        long lease = engine.Lanes.Lease.Id;
        Revoke(lease);
        Assert.Equal(0, LaneCount(engine));

        StorageEngineException error = await Assert.ThrowsAsync<StorageEngineException>(() => engine.SendCommitAsync(commit, CancellationToken.None));

        Assert.Contains("EtcdEngineOptions.LaneLeaseTime", error.Message, StringComparison.Ordinal);
        Assert.Contains("applied once or not at all, never twice", error.Message, StringComparison.Ordinal);
        Assert.Equal("v2"u8.ToArray(), Read(engine, "k"u8));

        // Later writes go through a new lease.
        engine.Put(alpha, "k"u8, "v3"u8);
        Assert.Equal("v3"u8.ToArray(), Read(engine, "k"u8));
        Assert.Equal(2, engine.Lanes.Lease.Granted);
        Assert.NotEqual(lease, engine.Lanes.Lease.Id);
    }

    [Fact]
    public async Task NewLane_IsWrittenBeforeItsFirstCommit_SoACommitAfterItsLeaseWasRevoked_IsRefused_NothingWritten()
    {
        // Were a lane created by its first commit (compare mod revision = 0), a retry of an applied first commit after
        // the lease expired could not be told from a commit refused by its own compares. So a lane exists before use.
        using EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        PreparedCommit commit = await engine.PrepareCommitAsync([PutOf(engine, "k"u8, "v1"u8)], null, "test put", CancellationToken.None);
        Assert.NotEqual(0, commit.Lane.KnownModRevision);
        Assert.Equal(1, LaneCount(engine));
        Revoke(engine.Lanes.Lease.Id);

        StorageEngineException error = await Assert.ThrowsAsync<StorageEngineException>(() => engine.SendCommitAsync(commit, CancellationToken.None));

        Assert.Contains("EtcdEngineOptions.LaneLeaseTime", error.Message, StringComparison.Ordinal);
        Assert.Null(Read(engine, "k"u8));
        Assert.Equal(0, LaneCount(engine));
    }

    [Fact]
    public async Task CommitRefusedByItsOwnCompare_OnANewLane_IsReportedNotApplied_AndTheLaneServesTheNextCommit()
    {
        using EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        byte[] key = ((EtcdColumnFamily)engine.GetColumnFamily("alpha")).FullKey("k"u8);
        var absent = new Compare { Key = ByteString.CopyFrom(key), Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = 0 };
        using (GrpcChannel channel = GrpcChannel.ForAddress(cluster.Endpoints[0]))
        {
            // Written around the engine, so its first commit below rents a new lane.
            _ = new KV.KVClient(channel).Put(new PutRequest { Key = ByteString.CopyFrom(key), Value = ByteString.CopyFromUtf8("exists") });
        }

        bool applied = await engine.CommitAsync([PutOf(engine, "k"u8, "v1"u8)], [absent], "test conditional put", CancellationToken.None);

        Assert.False(applied);
        Assert.Equal("exists"u8.ToArray(), Read(engine, "k"u8));
        Assert.True(await engine.CommitAsync([PutOf(engine, "k"u8, "v2"u8)], null, "test put", CancellationToken.None));
        Assert.Equal("v2"u8.ToArray(), Read(engine, "k"u8));
    }

    [Fact]
    public async Task KeepAlive_FindsAnExpiredLease_AndTheNextWriteUsesANewOne()
    {
        using EtcdStorageEngine engine = Open(TimeSpan.FromSeconds(60));
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k"u8, "v0"u8);
        Assert.True(await engine.Lanes.Lease.KeepAliveOnceAsync(CancellationToken.None) > 0);
        long lease = engine.Lanes.Lease.Id;
        Revoke(lease);

        Assert.Equal(0, await engine.Lanes.Lease.KeepAliveOnceAsync(CancellationToken.None));

        // The pooled lane of the lost lease is dropped, not used: the write succeeds at once.
        engine.Put(alpha, "k"u8, "v1"u8);
        Assert.Equal("v1"u8.ToArray(), Read(engine, "k"u8));
        Assert.NotEqual(lease, engine.Lanes.Lease.Id);
        Assert.True(LaneCount(engine) > 0);
    }

    [Fact]
    public void LaneLeaseTime_OutOfRange_IsRefusedNamingTheOption()
    {
        foreach (TimeSpan bad in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromHours(2) })
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => EtcdEngine.Connect(cluster.Options(configure: o => Copy(o, bad))));
            Assert.Contains("EtcdEngineOptions.LaneLeaseTime", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReadOnlyEngine_TakesNoLease()
    {
        EtcdEngineOptions options = cluster.Options(configure: o => Copy(o, TimeSpan.FromSeconds(60)));
        using (StorageEngine writer = EtcdEngine.Connect(options).Open(["alpha"], new StoreOptions()))
        {
            writer.Put(writer.GetColumnFamily("alpha"), "k"u8, "v"u8);
        }

        using var reader = (EtcdStorageEngine)EtcdEngine.Connect(options).Open(["alpha"], new StoreOptions { ReadOnly = true });
        Assert.Equal("v"u8.ToArray(), Read(reader, "k"u8));
        Assert.Equal(0, reader.Lanes.Lease.Granted);
    }

    private EtcdStorageEngine Open(TimeSpan laneLeaseTime)
        => (EtcdStorageEngine)EtcdEngine.Connect(cluster.Options(configure: o => Copy(o, laneLeaseTime))).Open(["alpha"], new StoreOptions());

    private static EtcdEngineOptions Copy(EtcdEngineOptions o, TimeSpan laneLeaseTime) => new()
    {
        Endpoints = o.Endpoints,
        KeyPrefix = o.KeyPrefix,
        CompactionInterval = o.CompactionInterval,
        MaxTransactionOperations = o.MaxTransactionOperations,
        LaneLeaseTime = laneLeaseTime,
    };

    // Several writes in flight at once, so the engine rents several lanes.
    private static async Task WriteConcurrentlyAsync(EtcdStorageEngine engine, int count)
    {
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        var writes = new List<Task>(count);
        for (int i = 0; i < count; i++)
        {
            writes.Add(WriteOneAsync((byte)i));
        }

        await Task.WhenAll(writes);

        async Task WriteOneAsync(byte number)
        {
            using StorageWriteBatch batch = engine.CreateWriteBatch();
            batch.Put(alpha, [(byte)'w', number], "v"u8);
            await engine.WriteAsync(batch);
        }
    }

    private static RequestOp PutOf(EtcdStorageEngine engine, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        => EtcdTransactionPlan.Put(((EtcdColumnFamily)engine.GetColumnFamily("alpha")).FullKey(key), value.ToArray());

    private static byte[]? Read(StorageEngine engine, ReadOnlySpan<byte> key)
    {
        byte[] buffer = new byte[64];
        int length = engine.Get(engine.GetColumnFamily("alpha"), key, buffer);
        return length < 0 ? null : buffer[..length];
    }

    // Asked of the cluster directly (a vanished engine has no connection).
    private long LaneCount(EtcdStorageEngine engine)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(cluster.Endpoints[0]);
        RangeResponse response = new KV.KVClient(channel).Range(new RangeRequest
        {
            Key = ByteString.CopyFrom(engine.Lanes.Prefix),
            RangeEnd = ByteString.CopyFrom(EtcdKeyLayout.PrefixEnd(engine.Lanes.Prefix)),
            CountOnly = true,
        });
        return response.Count;
    }

    private void Revoke(long lease)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(cluster.Endpoints[0]);
        _ = new Lease.LeaseClient(channel).LeaseRevoke(new LeaseRevokeRequest { ID = lease });
    }
}
