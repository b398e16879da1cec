using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    // Few distinct bytes, including the extremes and the signed/unsigned boundary, so random keys
    // collide often (overwrites, deletes that hit) and exercise the ordering corner cases.
    private static readonly byte[] ModelAlphabet = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];
    private const int ModelMaxKeyLength = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperations_MatchASortedDictionaryModel(int seed)
    {
        var random = new Random(seed);
        var engine = Open();
        StorageColumnFamily[] families = [engine.GetColumnFamily("alpha"), engine.GetColumnFamily("beta")];
        SortedDictionary<byte[], byte[]>[] models = [NewModel(), NewModel()];
        StorageSnapshot? snapshot = null;
        SortedDictionary<byte[], byte[]>[]? snapshotModels = null;

        for (var step = 0; step < ModelSteps; step++)
        {
            var family = random.Next(families.Length);
            var roll = random.Next(100);
            if (roll < 45)
            {
                var key = RandomKey(random);
                var value = RandomValue(random);
                engine.Put(families[family], key, value);
                models[family][key] = value;
            }
            else if (roll < 62)
            {
                var key = RandomKey(random);
                engine.Delete(families[family], key);
                models[family].Remove(key);
            }
            else if (roll < 70)
            {
                var (start, end) = RandomRange(random);
                engine.DeleteRange(families[family], start, end);
                RemoveRange(models[family], start, end);
            }
            else if (roll < 85)
            {
                WriteRandomBatch(random, engine, families, models);
            }
            else if (roll < 96)
            {
                CheckRandomIterator(random, engine, families[family], models[family]);
            }
            else
            {
                if (snapshot is not null)
                {
                    CheckAgainstModels(engine, families, snapshotModels!, snapshot);
                    snapshot.Dispose();
                }

                snapshot = engine.CreateSnapshot();
                snapshotModels = [new(models[0], UnsignedByteComparer.Instance), new(models[1], UnsignedByteComparer.Instance)];
            }

            if (step % 250 == 249)
            {
                CheckAgainstModels(engine, families, models, snapshot: null);
            }
        }

        CheckAgainstModels(engine, families, models, snapshot: null);
        if (snapshot is not null)
        {
            CheckAgainstModels(engine, families, snapshotModels!, snapshot);
            snapshot.Dispose();
        }
    }

    private static SortedDictionary<byte[], byte[]> NewModel() => new(UnsignedByteComparer.Instance);

    private static byte[] RandomKey(Random random)
    {
        var key = new byte[random.Next(ModelMaxKeyLength + 1)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = ModelAlphabet[random.Next(ModelAlphabet.Length)];
        }

        return key;
    }

    private static byte[] RandomValue(Random random)
    {
        var value = new byte[random.Next(13)];
        random.NextBytes(value);
        return value;
    }

    private static (byte[] Start, byte[] End) RandomRange(Random random)
    {
        var start = RandomKey(random);
        var end = RandomKey(random);
        return UnsignedByteComparer.Instance.Compare(start, end) <= 0 ? (start, end) : (end, start);
    }

    private static void RemoveRange(SortedDictionary<byte[], byte[]> model, byte[] start, byte[] end)
    {
        var doomed = new List<byte[]>();
        foreach (var key in model.Keys)
        {
            if (UnsignedByteComparer.Instance.Compare(key, start) >= 0 && UnsignedByteComparer.Instance.Compare(key, end) < 0)
            {
                doomed.Add(key);
            }
        }

        foreach (var key in doomed)
        {
            model.Remove(key);
        }
    }

    private static void WriteRandomBatch(Random random, StorageEngine engine, StorageColumnFamily[] families, SortedDictionary<byte[], byte[]>[] models)
    {
        // The models change only after Write, mirroring "nothing visible before Write".
        var pending = new List<Action>();
        using var batch = engine.CreateWriteBatch();
        var operations = random.Next(1, 7);
        for (var i = 0; i < operations; i++)
        {
            var family = random.Next(families.Length);
            var model = models[family];
            var roll = random.Next(10);
            if (roll < 6)
            {
                var key = RandomKey(random);
                var value = RandomValue(random);
                batch.Put(families[family], key, value);
                pending.Add(() => model[key] = value);
            }
            else if (roll < 9)
            {
                var key = RandomKey(random);
                batch.Delete(families[family], key);
                pending.Add(() => model.Remove(key));
            }
            else
            {
                var (start, end) = RandomRange(random);
                batch.DeleteRange(families[family], start, end);
                pending.Add(() => RemoveRange(model, start, end));
            }
        }

        Assert.Equal(operations, batch.Count);
        engine.Write(batch);
        foreach (var apply in pending)
        {
            apply();
        }
    }

    private void CheckAgainstModels(StorageEngine engine, StorageColumnFamily[] families, SortedDictionary<byte[], byte[]>[] models, StorageSnapshot? snapshot)
    {
        for (var family = 0; family < families.Length; family++)
        {
            var model = models[family];
            using var iterator = engine.CreateIterator(families[family], snapshot: snapshot);
            var forward = ReadForward(iterator);
            var backward = ReadBackward(iterator);
            backward.Reverse();

            Assert.Equal(model.Count, forward.Count);
            var index = 0;
            foreach (var (key, value) in model)
            {
                Assert.Equal(key, forward[index].Key);
                Assert.Equal(value, forward[index].Value);
                Assert.Equal(key, backward[index].Key);
                Assert.Equal(value, backward[index].Value);
                index++;
            }

            foreach (var key in ModelKeyUniverse())
            {
                var expected = model.TryGetValue(key, out var value) ? value : null;
                Assert.Equal(expected, Read(engine, families[family], key, snapshot));
            }

            if (snapshot is null && KeyCountIsExact)
            {
                Assert.Equal(model.Count, engine.Maintenance().EstimateKeyCount(families[family]));
            }
        }
    }

    private static void CheckRandomIterator(Random random, StorageEngine engine, StorageColumnFamily family, SortedDictionary<byte[], byte[]> model)
    {
        // Bounds: each side absent half of the time; an empty lower bound is also "absent".
        var lower = random.Next(2) == 0 ? null : RandomKey(random);
        var upper = random.Next(2) == 0 ? null : RandomKey(random);
        if (lower is not null && upper is not null && UnsignedByteComparer.Instance.Compare(lower, upper) > 0)
        {
            (lower, upper) = (upper, lower);
        }

        if (upper is { Length: 0 })
        {
            // An empty upper bound means "unbounded" in the contract; say so in the model too.
            upper = null;
        }

        var inRange = new List<byte[]>();
        foreach (var key in model.Keys)
        {
            if ((lower is null || UnsignedByteComparer.Instance.Compare(key, lower) >= 0) && (upper is null || UnsignedByteComparer.Instance.Compare(key, upper) < 0))
            {
                inRange.Add(key);
            }
        }

        using var iterator = engine.CreateIterator(family, lower, upper);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var target = RandomKey(random);
            int position;
            switch (random.Next(4))
            {
                case 0:
                    iterator.Seek(target);
                    position = inRange.FindIndex(key => UnsignedByteComparer.Instance.Compare(key, target) >= 0);
                    break;
                case 1:
                    iterator.SeekForPrev(target);
                    position = inRange.FindLastIndex(key => UnsignedByteComparer.Instance.Compare(key, target) <= 0);
                    break;
                case 2:
                    iterator.SeekToFirst();
                    position = inRange.Count > 0 ? 0 : -1;
                    break;
                default:
                    iterator.SeekToLast();
                    position = inRange.Count - 1;
                    break;
            }

            // Then a random walk in both directions, checking each step against the model.
            for (var move = 0; move < 8; move++)
            {
                if (position < 0 || position >= inRange.Count)
                {
                    Assert.False(iterator.IsValid);
                    break;
                }

                Assert.True(iterator.IsValid);
                Assert.Equal(inRange[position], iterator.Key.ToArray());
                Assert.Equal(model[inRange[position]], iterator.Value.ToArray());
                if (random.Next(2) == 0)
                {
                    iterator.Next();
                    position++;
                }
                else
                {
                    iterator.Previous();
                    position--;
                }
            }
        }
    }

    private static IEnumerable<byte[]> ModelKeyUniverse()
    {
        yield return [];
        var current = new List<byte[]> { Array.Empty<byte>() };
        for (var length = 1; length <= ModelMaxKeyLength; length++)
        {
            var next = new List<byte[]>();
            foreach (var prefix in current)
            {
                foreach (var symbol in ModelAlphabet)
                {
                    byte[] key = [.. prefix, symbol];
                    next.Add(key);
                    yield return key;
                }
            }

            current = next;
        }
    }
}
