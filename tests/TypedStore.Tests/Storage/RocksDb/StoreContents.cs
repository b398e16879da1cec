using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// What a column family holds, as an ordered list of (key, value) pairs, plus the expected-state model
/// the tests build by hand: a dictionary ordered by unsigned byte comparison (RocksDB's default order).
/// </summary>
internal static class StoreContents
{
    public static readonly IComparer<byte[]> ByteOrder = Comparer<byte[]>.Create(static (a, b) => a.AsSpan().SequenceCompareTo(b));

    public static SortedDictionary<byte[], byte[]> NewModel() => new(ByteOrder);

    /// <summary>Every entry of <paramref name="columnFamily"/> read through our engine's iterator, in order.</summary>
    public static List<KeyValuePair<byte[], byte[]>> ReadAll(StorageEngine engine, StorageColumnFamily columnFamily)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        using StorageIterator iterator = engine.CreateIterator(columnFamily);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            entries.Add(new(iterator.Key.ToArray(), iterator.Value.ToArray()));
        }

        return entries;
    }

    /// <summary>Asserts that <paramref name="actual"/> equals <paramref name="expected"/> byte for byte and in the same order.</summary>
    public static void AssertSame(IEnumerable<KeyValuePair<byte[], byte[]>> expected, IReadOnlyList<KeyValuePair<byte[], byte[]>> actual, string columnFamily)
    {
        var expectedList = expected.ToList();
        Assert.True(expectedList.Count == actual.Count, $"Column family '{columnFamily}': expected {expectedList.Count} entries, found {actual.Count}.");
        for (int i = 0; i < expectedList.Count; i++)
        {
            Assert.True(
                expectedList[i].Key.AsSpan().SequenceEqual(actual[i].Key),
                $"Column family '{columnFamily}', entry {i}: expected key {Convert.ToHexString(expectedList[i].Key)}, found {Convert.ToHexString(actual[i].Key)}.");
            Assert.True(
                expectedList[i].Value.AsSpan().SequenceEqual(actual[i].Value),
                $"Column family '{columnFamily}', entry {i} (key {Convert.ToHexString(expectedList[i].Key)}): values differ ({expectedList[i].Value.Length} vs {actual[i].Value.Length} bytes).");
        }
    }
}
