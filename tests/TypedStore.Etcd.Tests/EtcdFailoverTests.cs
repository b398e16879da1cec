using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Etcdserverpb;
using Grpc.Net.Client;
using TypedStore.Storage;
using TypedStore.Values;
using Xunit.Abstractions;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// A leader killed (SIGKILL) while puts and batches are being acknowledged: writers keep going through the election
/// stall on the surviving members, and afterwards every acknowledged put and batch is there, every batch whole (also
/// those whose acknowledgement was lost), nothing applied twice. Runs on a cluster of its own (it kills members), which
/// it finally takes down entirely to show that an unreachable cluster fails a write with a clear error in time.
/// </summary>
public sealed class EtcdFailoverTests(ITestOutputHelper output)
{
    private const int KeysPerBatch = 5;

    [Fact]
    public async Task LeaderKill_DuringAcknowledgedWritesAndBatches_LosesNothing_TearsNothing()
    {
        using var cluster = new EtcdCluster(maxTransactionOperations: 128);
        EtcdEngineOptions options = cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(1),
            OperationTimeout = TimeSpan.FromSeconds(30),
        });
        using StorageEngine engine = EtcdEngine.Connect(options).Open(["puts", "batches"], new StoreOptions());
        StorageColumnFamily puts = engine.GetColumnFamily("puts");
        StorageColumnFamily batches = engine.GetColumnFamily("batches");

        var acknowledgedPuts = new ConcurrentBag<int>();
        var acknowledgedBatches = new ConcurrentBag<int>();
        var failures = new ConcurrentBag<string>();
        int nextPut = 0, nextBatch = 0;
        using var stop = new CancellationTokenSource();
        var stallWatch = Stopwatch.StartNew();
        long longestWriteMs = 0;

        void Note(long started)
        {
            long took = stallWatch.ElapsedMilliseconds - started;
            long seen;
            while (took > (seen = Interlocked.Read(ref longestWriteMs)) && Interlocked.CompareExchange(ref longestWriteMs, took, seen) != seen)
            {
            }
        }

        Task PutWriter() => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                int n = Interlocked.Increment(ref nextPut);
                long started = stallWatch.ElapsedMilliseconds;
                try
                {
                    engine.Put(puts, Key("p", n), Encoding.ASCII.GetBytes("value-" + n));
                    acknowledgedPuts.Add(n);
                    Note(started);
                }
                catch (StorageEngineException error)
                {
                    failures.Add($"put {n}: {error.Message}");
                }
            }
        });

        Task BatchWriter() => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                int n = Interlocked.Increment(ref nextBatch);
                using StorageWriteBatch batch = engine.CreateWriteBatch();
                for (int j = 0; j < KeysPerBatch; j++)
                {
                    batch.Put(batches, Key("b" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture) + "/", j), Encoding.ASCII.GetBytes("batch-" + n));
                }

                long started = stallWatch.ElapsedMilliseconds;
                try
                {
                    engine.Write(batch);
                    acknowledgedBatches.Add(n);
                    Note(started);
                }
                catch (StorageEngineException error)
                {
                    failures.Add($"batch {n}: {error.Message}");
                }
            }
        });

        Task[] writers = [PutWriter(), PutWriter(), BatchWriter(), BatchWriter()];
        await WaitUntil(() => acknowledgedPuts.Count >= 200 && acknowledgedBatches.Count >= 100, TimeSpan.FromSeconds(60));

        int leader = await LeaderIndex(cluster.Endpoints);
        int putsBeforeKill = acknowledgedPuts.Count, batchesBeforeKill = acknowledgedBatches.Count;
        cluster.Kill(leader);
        long killedAt = stallWatch.ElapsedMilliseconds;
        Interlocked.Exchange(ref longestWriteMs, 0);

        // Keep writing through the election until the survivors have acknowledged a good number more.
        await WaitUntil(() => acknowledgedPuts.Count >= putsBeforeKill + 200 && acknowledgedBatches.Count >= batchesBeforeKill + 100, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Every acknowledged write is there; every batch present is whole; nothing else was written.
        using var buffer = new ValueBuffer();
        foreach (int n in acknowledgedPuts)
        {
            buffer.Clear();
            Assert.True(engine.TryGet(puts, Key("p", n), buffer), $"acknowledged put {n} is missing");
            Assert.Equal("value-" + n, Encoding.ASCII.GetString(buffer.WrittenSpan));
        }

        var keysPerBatch = new Dictionary<string, int>();
        using (StorageIterator iterator = engine.CreateIterator(batches))
        {
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                string key = Encoding.ASCII.GetString(iterator.Key);
                string id = key[..key.IndexOf('/', StringComparison.Ordinal)];
                Assert.Equal("batch-" + int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(iterator.Value));
                keysPerBatch[id] = keysPerBatch.GetValueOrDefault(id) + 1;
            }
        }

        Assert.All(keysPerBatch, entry => Assert.Equal(KeysPerBatch, entry.Value));
        foreach (int n in acknowledgedBatches)
        {
            Assert.True(keysPerBatch.ContainsKey("b" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)), $"acknowledged batch {n} is missing");
        }

        int storedPuts = (int)engine.GetCapability<IStorageMaintenance>().EstimateKeyCount(puts);
        output.WriteLine(
            $"killed member m{leader} (the leader) after {putsBeforeKill} puts and {batchesBeforeKill} batches; longest acknowledged write after the kill "
            + $"{Interlocked.Read(ref longestWriteMs)} ms; in all {acknowledgedPuts.Count} puts and {acknowledgedBatches.Count} batches of {KeysPerBatch} acknowledged, "
            + $"all present; {storedPuts} puts and {keysPerBatch.Count} batches stored (the difference: writes whose answer was lost or cut off at the stop, "
            + $"applied once); every batch whole; {((Internal.EtcdStorageEngine)engine).Connection.Retries} requests retried on another member, "
            + $"{((Internal.EtcdStorageEngine)engine).AppliedByEarlierAttempt} commits found applied by an earlier attempt (not applied again); "
            + $"{failures.Count} writes failed with an error" + (failures.IsEmpty ? "" : ": " + failures.First()));
        Assert.Empty(failures);
        Assert.True(killedAt > 0);
    }

    [Fact]
    public void ClusterGone_AWriteFailsWithinTheOperationTimeout_NamingTheEndpoints()
    {
        var cluster = new EtcdCluster(maxTransactionOperations: 128);
        EtcdEngineOptions options = cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            OperationTimeout = TimeSpan.FromSeconds(2),
        });
        using StorageEngine engine = EtcdEngine.Connect(options).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "before"u8, "1"u8);
        cluster.Dispose();

        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<StorageEngineException>(() => engine.Put(alpha, "after"u8, "2"u8));
        output.WriteLine($"failed after {watch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Contains(cluster.Endpoints[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("OperationTimeout", error.Message, StringComparison.Ordinal);
        Assert.Throws<StorageEngineException>(() => engine.Get(alpha, "before"u8, new byte[4]));
    }

    private static byte[] Key(string prefix, int n) => Encoding.ASCII.GetBytes(prefix + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<int> LeaderIndex(IReadOnlyList<string> endpoints)
    {
        for (int i = 0; i < endpoints.Count; i++)
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(endpoints[i]);
            StatusResponse status = await new Maintenance.MaintenanceClient(channel).StatusAsync(new StatusRequest());
            if (status.Leader == status.Header.MemberId)
            {
                return i;
            }
        }

        throw new InvalidOperationException("No member reports itself the leader.");
    }

    // Polls a condition the writers make true; fails (never hangs) when it does not come true in time.
    private static async Task WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < limit, $"not reached within {limit}");
            await Task.Delay(20);
        }
    }
}
