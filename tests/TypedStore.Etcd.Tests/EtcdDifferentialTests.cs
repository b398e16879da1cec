using System.Text;
using TypedStore.Storage;
using TypedStore.Tests.EndToEnd;
using TypedStore.Values;
using Xunit.Abstractions;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The same seeded operations on RocksDB (the reference) and on etcd, every result compared: point reads, many-key
/// reads, batches with save points and range deletes over a narrow key space (so collapsing and range splitting are
/// exercised constantly), snapshots, iterators walked with seeks in both directions, pages, key counts; then the
/// same through a generated store.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdDifferentialTests(EtcdCluster cluster, ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Families = ["left", "right"];
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "typedstore-etcd-diff-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static int Steps => Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK") == "1" ? 10_000 : 1500;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task SeededEngineOperations_GiveTheSameResults_OnRocksDbAndEtcd(int seed)
    {
        using StorageEngine reference = new RocksDbEngineProvider(Path.Combine(_directory, "rocksdb-" + seed)).Open(Families, new StoreOptions());
        // Pages of 3 entries, so nearly every walk crosses page boundaries in both directions.
        EtcdEngineOptions options = cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = o.CompactionInterval,
            MaxTransactionOperations = o.MaxTransactionOperations,
            PageSize = 3,
        });
        using StorageEngine etcd = EtcdEngine.Connect(options).Open(Families, new StoreOptions());
        var random = new Random(seed);
        var snapshots = new List<(StorageSnapshot Reference, StorageSnapshot Etcd)>();
        var counts = new Dictionary<string, int>();
        try
        {
            for (int step = 0; step < Steps; step++)
            {
                int family = random.Next(Families.Length);
                StorageColumnFamily r = reference.GetColumnFamily(Families[family]);
                StorageColumnFamily e = etcd.GetColumnFamily(Families[family]);
                int choice = random.Next(100);
                string what;
                if (choice < 25)
                {
                    what = "put";
                    byte[] key = Key(random);
                    byte[] value = Value(random);
                    reference.Put(r, key, value);
                    etcd.Put(e, key, value);
                }
                else if (choice < 32)
                {
                    what = "delete";
                    byte[] key = Key(random);
                    reference.Delete(r, key);
                    etcd.Delete(e, key);
                }
                else if (choice < 36)
                {
                    what = "delete range";
                    (byte[] start, byte[] end) = Range(random);
                    reference.DeleteRange(r, start, end);
                    etcd.DeleteRange(e, start, end);
                }
                else if (choice < 52)
                {
                    what = "batch";
                    WriteSameBatch(random, reference, etcd);
                }
                else if (choice < 62)
                {
                    what = "get";
                    StorageSnapshot? rs = null, es = null;
                    if (snapshots.Count > 0 && random.Next(2) == 0)
                    {
                        (rs, es) = snapshots[random.Next(snapshots.Count)];
                    }

                    byte[] key = Key(random);
                    Assert.Equal(Read(reference, r, key, rs), Read(etcd, e, key, es));
                    Assert.Equal(reference.Contains(r, key, rs), etcd.Contains(e, key, es));
                }
                else if (choice < 67)
                {
                    what = "get many";
                    byte[][] keys = [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => Key(random))];
                    Assert.Equal(GetMany(reference, r, keys), GetMany(etcd, e, keys));
                }
                else if (choice < 82)
                {
                    what = "iterator walk";
                    StorageSnapshot? rs = null, es = null;
                    if (snapshots.Count > 0 && random.Next(2) == 0)
                    {
                        (rs, es) = snapshots[random.Next(snapshots.Count)];
                    }

                    byte[] lower = random.Next(2) == 0 ? [] : Key(random);
                    byte[] upper = random.Next(2) == 0 ? [] : Key(random);
                    if (lower.Length > 0 && upper.Length > 0 && lower.AsSpan().SequenceCompareTo(upper) > 0)
                    {
                        (lower, upper) = (upper, lower);
                    }

                    int seedForWalk = random.Next();
                    Assert.Equal(Walk(reference, r, lower, upper, rs, new Random(seedForWalk)), Walk(etcd, e, lower, upper, es, new Random(seedForWalk)));
                }
                else if (choice < 87)
                {
                    what = "page";
                    bool reverse = random.Next(2) == 0;
                    int max = random.Next(1, 8);
                    Assert.Equal(await Page(reference, r, reverse, max), await Page(etcd, e, reverse, max));
                }
                else if (choice < 92)
                {
                    what = "snapshot";
                    if (snapshots.Count >= 3)
                    {
                        int gone = random.Next(snapshots.Count);
                        snapshots[gone].Reference.Dispose();
                        snapshots[gone].Etcd.Dispose();
                        snapshots.RemoveAt(gone);
                    }

                    snapshots.Add((reference.CreateSnapshot(), etcd.CreateSnapshot()));
                }
                else
                {
                    what = "count";
                    Assert.Equal(Walk(reference, r, [], [], null, null).Count, etcd.GetCapability<IStorageMaintenance>().EstimateKeyCount(e));
                }

                counts[what] = counts.GetValueOrDefault(what) + 1;
            }

            foreach (string name in Families)
            {
                Assert.Equal(
                    Walk(reference, reference.GetColumnFamily(name), [], [], null, null),
                    Walk(etcd, etcd.GetColumnFamily(name), [], [], null, null));
            }

            output.WriteLine($"seed {seed}: {Steps} steps, every result equal: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));
        }
        finally
        {
            foreach ((StorageSnapshot rs, StorageSnapshot es) in snapshots)
            {
                rs.Dispose();
                es.Dispose();
            }
        }
    }

    [Fact]
    public void SeededStoreOperations_GiveTheSameResults_OnRocksDbAndEtcd()
    {
        using ChatStore reference = ChatStore.Open(Path.Combine(_directory, "chat"));
        using ChatStore etcd = ChatStore.Open(EtcdEngine.Connect(cluster.Options()));
        var random = new Random(5);
        for (int step = 0; step < Steps / 3; step++)
        {
            string user = "u" + random.Next(12);
            switch (random.Next(9))
            {
                case 0:
                case 1:
                    var row = new User(user, "n" + random.Next(1000), random.Next(100) + "@x");
                    reference.Users.Put(row);
                    etcd.Users.Put(row);
                    break;
                case 2:
                    reference.Users.Delete(user);
                    etcd.Users.Delete(user);
                    break;
                case 3:
                    var message = new Message(user, random.Next(6), "t" + random.Next(1000), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(step));
                    reference.Messages.Put(message);
                    etcd.Messages.Put(message);
                    break;
                case 4:
                    reference.Messages.DeleteUser(user);
                    etcd.Messages.DeleteUser(user);
                    break;
                case 5:
                    using (ChatStoreBatch rb = reference.CreateBatch())
                    using (ChatStoreBatch eb = etcd.CreateBatch())
                    {
                        var other = "u" + random.Next(12);
                        var m = new Message(other, random.Next(6), "b" + step, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                        rb.Users.Delete(user);
                        eb.Users.Delete(user);
                        rb.Messages.Put(m);
                        eb.Messages.Put(m);
                        rb.Users.Put(new User(other, "batch" + step, "b@x"));
                        eb.Users.Put(new User(other, "batch" + step, "b@x"));
                        rb.Commit();
                        eb.Commit();
                    }

                    break;
                case 6:
                    Assert.Equal(reference.Users.Get(user), etcd.Users.Get(user));
                    Assert.Equal(reference.Messages.CountUser(user), etcd.Messages.CountUser(user));
                    break;
                case 7:
                    Assert.Equal(reference.Messages.ScanUser(user).Select(m => m.Text), etcd.Messages.ScanUser(user).Select(m => m.Text));
                    Assert.Equal(reference.Messages.ScanAll(reverse: true).Select(m => m.Text), etcd.Messages.ScanAll(reverse: true).Select(m => m.Text));
                    break;
                default:
                    Assert.Equal(reference.Users.ScanAll(), etcd.Users.ScanAll());
                    Assert.Equal(reference.Users.Count(), etcd.Users.Count());
                    break;
            }
        }

        Assert.Equal(reference.Users.ScanAll(), etcd.Users.ScanAll());
        Assert.Equal(reference.Messages.ScanAll(), etcd.Messages.ScanAll());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Two-byte keys over a 6-letter alphabet (and the empty key): collisions, adjacent keys and ranges overlap often.
    private static byte[] Key(Random random)
    {
        int length = random.Next(0, 3);
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++)
        {
            key[i] = random.Next(8) == 0 ? (byte)(random.Next(2) == 0 ? 0x00 : 0xFF) : (byte)('a' + random.Next(6));
        }

        return key;
    }

    private static byte[] Value(Random random) => Encoding.ASCII.GetBytes(new string('v', random.Next(0, 4)) + random.Next(1000));

    private static (byte[] Start, byte[] End) Range(Random random)
    {
        byte[] start = Key(random), end = Key(random);
        return start.AsSpan().SequenceCompareTo(end) <= 0 ? (start, end) : (end, start);
    }

    private static void WriteSameBatch(Random random, StorageEngine reference, StorageEngine etcd)
    {
        using StorageWriteBatch rb = reference.CreateWriteBatch();
        using StorageWriteBatch eb = etcd.CreateWriteBatch();
        int operations = random.Next(1, 12);
        for (int i = 0; i < operations; i++)
        {
            string name = Families[random.Next(Families.Length)];
            StorageColumnFamily r = reference.GetColumnFamily(name), e = etcd.GetColumnFamily(name);
            switch (random.Next(10))
            {
                case < 5:
                    byte[] key = Key(random), value = Value(random);
                    rb.Put(r, key, value);
                    eb.Put(e, key, value);
                    break;
                case < 7:
                    byte[] gone = Key(random);
                    rb.Delete(r, gone);
                    eb.Delete(e, gone);
                    break;
                case < 9:
                    (byte[] start, byte[] end) = Range(random);
                    rb.DeleteRange(r, start, end);
                    eb.DeleteRange(e, start, end);
                    break;
                default:
                    rb.SetSavePoint();
                    eb.SetSavePoint();
                    byte[] undone = Key(random);
                    rb.Put(r, undone, [1]);
                    eb.Put(e, undone, [1]);
                    rb.RollbackToSavePoint();
                    eb.RollbackToSavePoint();
                    break;
            }
        }

        Assert.Equal(rb.Count, eb.Count);
        reference.Write(rb);
        etcd.Write(eb);
    }

    private static string? Read(StorageEngine engine, StorageColumnFamily family, byte[] key, StorageSnapshot? snapshot)
    {
        using var buffer = new ValueBuffer();
        return engine.TryGet(family, key, buffer, snapshot) ? Convert.ToHexString(buffer.WrittenSpan) : null;
    }

    private static List<string> GetMany(StorageEngine engine, StorageColumnFamily family, byte[][] keys)
    {
        byte[] packed = [.. keys.SelectMany(k => k)];
        int[] lengths = [.. keys.Select(k => k.Length)];
        int[] valueLengths = new int[keys.Length];
        using var buffer = new ValueBuffer();
        engine.GetMany(family, packed, lengths, buffer, valueLengths);
        var results = new List<string>();
        int offset = 0;
        foreach (int length in valueLengths)
        {
            results.Add(length < 0 ? "-" : Convert.ToHexString(buffer.WrittenSpan.Slice(offset, length)));
            offset += Math.Max(length, 0);
        }

        return results;
    }

    // A walk: a start (first, last, seek, seek-for-prev), then random steps either way; every position recorded.
    private static List<string> Walk(StorageEngine engine, StorageColumnFamily family, byte[] lower, byte[] upper, StorageSnapshot? snapshot, Random? random)
    {
        using StorageIterator iterator = engine.CreateIterator(family, lower, upper, snapshot);
        var seen = new List<string>();
        if (random is null)
        {
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                seen.Add(Convert.ToHexString(iterator.Key) + "=" + Convert.ToHexString(iterator.Value));
            }

            return seen;
        }

        switch (random.Next(4))
        {
            case 0: iterator.SeekToFirst(); break;
            case 1: iterator.SeekToLast(); break;
            case 2: iterator.Seek(Key(random)); break;
            default: iterator.SeekForPrev(Key(random)); break;
        }

        for (int i = 0; i < 12 && iterator.IsValid; i++)
        {
            seen.Add(Convert.ToHexString(iterator.Key) + "=" + Convert.ToHexString(iterator.Value));
            if (random.Next(3) == 0)
            {
                iterator.Previous();
            }
            else
            {
                iterator.Next();
            }
        }

        seen.Add(iterator.IsValid ? "valid" : "end");
        return seen;
    }

    private static async Task<List<string>> Page(StorageEngine engine, StorageColumnFamily family, bool reverse, int max)
    {
        using var page = new StoragePage();
        await engine.ReadPageAsync(family, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, reverse, max, page);
        var entries = new List<string> { page.HasMore ? "more" : "last" };
        for (int i = 0; i < page.Count; i++)
        {
            entries.Add(Convert.ToHexString(page.GetKey(i)) + "=" + Convert.ToHexString(page.GetValue(i)));
        }

        return entries;
    }
}
