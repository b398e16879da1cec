using System.Collections.Concurrent;

namespace TypedStore.Tests.RowCache;

/// <content>
/// The concurrency property: writer threads each own some keys and write increasing versions to them (Put, PutMany and
/// batches); after each write returns, the writer publishes the version as acknowledged. Reader threads read the
/// acknowledged version of a key, then the key (Get or GetMany): the row read must be at least that version, or the
/// cache served a row older than a write that finished before the read began.
/// </content>
public abstract partial class RowCacheTests
{
    private const int Writers = 3;
    private const int Readers = 3;
    private const int KeysPerWriter = 4;

    // Each reader reads at least this often, whatever the scheduler does: on a loaded machine the writers could
    // otherwise finish before a reader ran at all.
    private const int MinimumReads = 500;

    // Long runs behind TYPEDSTORE_SOAK=1 (docs/reliability.md); the default still interleaves thousands of writes with reads.
    private static int VersionsPerWriter => Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK") == "1" ? 100_000 : 1_500;

    [Fact]
    public void Hammer_NoReaderSeesARowOlderThanAnAcknowledgedWrite()
    {
        RowCacheStore store = Open();
        int keys = Writers * KeysPerWriter;
        long[] acknowledged = new long[keys];
        store.Versions.PutMany(Enumerable.Range(0, keys).Select(k => new VersionedRow(k, 0, "start")));
        ConcurrentQueue<string> violations = new();
        int writersLeft = Writers;

        // Every thread starts its loop together, so the readers overlap the writers from their first write.
        using Barrier start = new(Writers + Readers);
        Thread[] threads =
        [
            .. Enumerable.Range(0, Writers).Select(w => new Thread(() => { start.SignalAndWait(); Write(store, w, acknowledged, ref writersLeft); })),
            .. Enumerable.Range(0, Readers).Select(r => new Thread(() => { start.SignalAndWait(); Read(store, r, acknowledged, violations, ref writersLeft); })),
        ];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(violations);

        // The readers went through the cache (every lookup is a hit or a miss), as often as they were asked to.
        RowCacheStatistics stats = Stats(store, "versions");
        Assert.True(stats.Hits + stats.Misses >= Readers * MinimumReads, $"the readers should have read through the cache: {stats}");
        for (int k = 0; k < keys; k++)
        {
            Assert.Equal(VersionsPerWriter, store.Versions.Get(k)?.Version);
        }
    }

    private static void Write(RowCacheStore store, int writer, long[] acknowledged, ref int writersLeft)
    {
        try
        {
            int[] owned = [.. Enumerable.Range(writer * KeysPerWriter, KeysPerWriter)];
            for (long version = 1; version <= VersionsPerWriter; version++)
            {
                switch (version % 3)
                {
                    case 0:
                        store.Versions.PutMany(owned.Select(k => new VersionedRow(k, version, "many")));
                        break;
                    case 1:
                        foreach (int k in owned)
                        {
                            store.Versions.Put(new VersionedRow(k, version, "put"));
                        }

                        break;
                    default:
                        using (RowCacheStoreBatch batch = store.CreateBatch())
                        {
                            foreach (int k in owned)
                            {
                                batch.Versions.Put(new VersionedRow(k, version, "batch"));
                            }

                            batch.Commit();
                        }

                        break;
                }

                foreach (int k in owned)
                {
                    Volatile.Write(ref acknowledged[k], version);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref writersLeft);
        }
    }

    private static void Read(RowCacheStore store, int reader, long[] acknowledged, ConcurrentQueue<string> violations, ref int writersLeft)
    {
        var random = new Random(reader);
        int keys = acknowledged.Length;
        for (int reads = 0; (reads < MinimumReads || Volatile.Read(ref writersLeft) > 0) && violations.IsEmpty; reads++)
        {
            int key = random.Next(keys);
            if (random.Next(8) == 0)
            {
                int other = random.Next(keys);
                long floor = Volatile.Read(ref acknowledged[key]);
                long otherFloor = Volatile.Read(ref acknowledged[other]);
                IReadOnlyList<VersionedRow?> rows = store.Versions.GetMany([key, other]);
                Check(key, floor, rows[0], "GetMany", violations);
                Check(other, otherFloor, rows[1], "GetMany", violations);
            }
            else
            {
                long floor = Volatile.Read(ref acknowledged[key]);
                Check(key, floor, store.Versions.Get(key), "Get", violations);
            }
        }
    }

    private static void Check(int key, long floor, VersionedRow? row, string how, ConcurrentQueue<string> violations)
    {
        if (row is null || row.Version < floor)
        {
            violations.Enqueue($"{how} of key {key} returned version {row?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} after version {floor} was acknowledged");
        }
    }
}
