using TypedStore.Keys;
using TypedStore.Storage;

namespace TypedStore.Features.Indexes;

/// <content>Verify: every index compared with the entries its rows call for, at one snapshot.</content>
public sealed partial class TableIndexes<TRow, TKey, TCodec>
{
    /// <summary>
    /// Compares every index with the entries the table's live rows call for, all read at one engine snapshot, and
    /// reports per index the stored, missing and stale entries. Reads the whole table and every index; holds the
    /// expected entries of one index in memory at a time.
    /// </summary>
    public TableVerification Verify()
    {
        StorageEngine engine = _table.Store.Engine;
        using StorageSnapshot snapshot = engine.CreateSnapshot();
        string table = _table.Descriptor.Name;
        IndexVerification[] results = new IndexVerification[_indexes.Length];
        long rows = 0;
        for (int i = 0; i < _indexes.Length; i++)
        {
            List<(byte[] Entry, byte[] Value)> expected = [];
            rows = 0;
            foreach ((byte[] rowKey, TRow row) in LiveRows(snapshot))
            {
                byte[] entry = IndexEntry.Create(table, _indexes[i], _unique[i], row, rowKey, out _, out bool keyedByValue);
                expected.Add((entry, IndexEntry.Value(keyedByValue, rowKey)));
                rows++;
            }

            expected.Sort(static (a, b) => a.Entry.AsSpan().SequenceCompareTo(b.Entry));
            results[i] = Compare(engine, snapshot, i, expected);
        }

        return new TableVerification(table, rows, results);
    }

    // One merge of the sorted expected entries with the stored ones (both in byte order).
    private IndexVerification Compare(StorageEngine engine, StorageSnapshot snapshot, int index, List<(byte[] Entry, byte[] Value)> expected)
    {
        long entries = 0;
        long missing = 0;
        long stale = 0;
        List<string> samples = [];
        int next = 0;
        using StorageIterator iterator = engine.CreateIterator(_columnFamilies[index], default, default, snapshot);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            entries++;
            ReadOnlySpan<byte> stored = iterator.Key;
            while (next < expected.Count && expected[next].Entry.AsSpan().SequenceCompareTo(stored) < 0)
            {
                Sample(samples, "missing", expected[next++].Entry);
                missing++;
            }

            if (next < expected.Count && expected[next].Entry.AsSpan().SequenceEqual(stored))
            {
                bool readable = iterator.Value.SequenceEqual(expected[next].Value);
                next++;
                if (readable)
                {
                    continue;
                }

                // The key is right but its value (which row it points at) is not: it counts as stale, and the row's
                // entry as missing.
                missing++;
            }

            Sample(samples, "stale", stored);
            stale++;
        }

        while (next < expected.Count)
        {
            Sample(samples, "missing", expected[next++].Entry);
            missing++;
        }

        return new IndexVerification(_indexes[index].Name, entries, missing, stale, samples);
    }

    private static void Sample(List<string> samples, string kind, ReadOnlySpan<byte> entry)
    {
        if (samples.Count < IndexVerification.MaxSamples)
        {
            samples.Add($"{kind} {KeyDisplay.Render(entry)}");
        }
    }
}
