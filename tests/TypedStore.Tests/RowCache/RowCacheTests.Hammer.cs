using System.Collections.Concurrent;

namespace TypedStore.Tests.RowCache;

/// <content>
/// The concurrency property: writer threads each own some keys and write increasing versions to them (Put, PutMany and
/// batches); after each write returns, the writer publishes the version as acknowledged. Reader threads read the
/// acknowledged version of a key, then the key (Get or GetMany): the row read must be at least that version, or the
/// cache served a row older than a write that finished before the read began. It runs on a table whose cache is keyed by
/// the encoded key (<see cref="VersionedRow"/>, an int key) and on one keyed by the key string (<see cref="NamedRow"/>).
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
    public void Hammer_NoReaderSeesARowOlderThanAnAcknowledgedWrite() => Hammer(store => new VersionsTable(store), "versions");

    [Fact]
    public void Hammer_StringKeys_NoReaderSeesARowOlderThanAnAcknowledgedWrite() => Hammer(store => new NamedTable(store), "named");

    private void Hammer(Func<RowCacheStore, IHammerTable> tableOf, string tableName)
    {
        RowCacheStore store = Open();
        IHammerTable table = tableOf(store);
        int keys = Writers * KeysPerWriter;
        long[] acknowledged = new long[keys];
        table.PutMany(Enumerable.Range(0, keys), 0, "start");
        ConcurrentQueue<string> violations = new();
        int writersLeft = Writers;

        // Every thread starts its loop together, so the readers overlap the writers from their first write.
        using Barrier start = new(Writers + Readers);
        Thread[] threads =
        [
            .. Enumerable.Range(0, Writers).Select(w => new Thread(() => { start.SignalAndWait(); Write(table, w, acknowledged, ref writersLeft); })),
            .. Enumerable.Range(0, Readers).Select(r => new Thread(() => { start.SignalAndWait(); Read(table, r, acknowledged, violations, ref writersLeft); })),
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
        RowCacheStatistics stats = Stats(store, tableName);
        Assert.True(stats.Hits + stats.Misses >= Readers * MinimumReads, $"the readers should have read through the cache: {stats}");
        for (int k = 0; k < keys; k++)
        {
            Assert.Equal(VersionsPerWriter, table.Get(k));
        }
    }

    private static void Write(IHammerTable table, int writer, long[] acknowledged, ref int writersLeft)
    {
        try
        {
            int[] owned = [.. Enumerable.Range(writer * KeysPerWriter, KeysPerWriter)];
            for (long version = 1; version <= VersionsPerWriter; version++)
            {
                switch (version % 3)
                {
                    case 0:
                        table.PutMany(owned, version, "many");
                        break;
                    case 1:
                        foreach (int k in owned)
                        {
                            table.Put(k, version, "put");
                        }

                        break;
                    default:
                        table.PutInBatch(owned, version, "batch");
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

    private static void Read(IHammerTable table, int reader, long[] acknowledged, ConcurrentQueue<string> violations, ref int writersLeft)
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
                (long? first, long? second) = table.GetMany(key, other);
                Check(key, floor, first, "GetMany", violations);
                Check(other, otherFloor, second, "GetMany", violations);
            }
            else
            {
                long floor = Volatile.Read(ref acknowledged[key]);
                Check(key, floor, table.Get(key), "Get", violations);
            }
        }
    }

    private static void Check(int key, long floor, long? version, string how, ConcurrentQueue<string> violations)
    {
        if (version is null || version < floor)
        {
            violations.Enqueue($"{how} of key {key} returned version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} after version {floor} was acknowledged");
        }
    }

    /// <summary>The hammer's writes and reads of key number k, whatever the table's key type.</summary>
    private interface IHammerTable
    {
        void Put(int key, long version, string text);

        void PutMany(IEnumerable<int> keys, long version, string text);

        void PutInBatch(IEnumerable<int> keys, long version, string text);

        long? Get(int key);

        (long? First, long? Second) GetMany(int first, int second);
    }

    private sealed class VersionsTable(RowCacheStore store) : IHammerTable
    {
        public void Put(int key, long version, string text) => store.Versions.Put(new VersionedRow(key, version, text));

        public void PutMany(IEnumerable<int> keys, long version, string text) => store.Versions.PutMany(keys.Select(k => new VersionedRow(k, version, text)));

        public void PutInBatch(IEnumerable<int> keys, long version, string text)
        {
            using RowCacheStoreBatch batch = store.CreateBatch();
            foreach (int k in keys)
            {
                batch.Versions.Put(new VersionedRow(k, version, text));
            }

            batch.Commit();
        }

        public long? Get(int key) => store.Versions.Get(key)?.Version;

        public (long? First, long? Second) GetMany(int first, int second)
        {
            IReadOnlyList<VersionedRow?> rows = store.Versions.GetMany([first, second]);
            return (rows[0]?.Version, rows[1]?.Version);
        }
    }

    // Readers pass the key string the writers use half the time and an equal copy otherwise, so hits are found both by
    // reference and by value.
    private sealed class NamedTable(RowCacheStore store) : IHammerTable
    {
        private readonly string[] _names = [.. Enumerable.Range(0, Writers * KeysPerWriter).Select(k => $"name-{k}")];

        public void Put(int key, long version, string text) => store.Named.Put(new NamedRow(_names[key], version, text));

        public void PutMany(IEnumerable<int> keys, long version, string text) => store.Named.PutMany(keys.Select(k => new NamedRow(_names[k], version, text)));

        public void PutInBatch(IEnumerable<int> keys, long version, string text)
        {
            using RowCacheStoreBatch batch = store.CreateBatch();
            foreach (int k in keys)
            {
                batch.Named.Put(new NamedRow(_names[k], version, text));
            }

            batch.Commit();
        }

        public long? Get(int key) => store.Named.Get(Name(key))?.Version;

        public (long? First, long? Second) GetMany(int first, int second)
        {
            IReadOnlyList<NamedRow?> rows = store.Named.GetMany([Name(first), Name(second)]);
            return (rows[0]?.Version, rows[1]?.Version);
        }

        private string Name(int key) => (key & 1) == 0 ? _names[key] : new string(_names[key].AsSpan());
    }
}
