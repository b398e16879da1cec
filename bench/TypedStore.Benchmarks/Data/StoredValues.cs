using RocksDbSharp;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Data;

/// <summary>
/// Obtains the value bytes the raw baseline writes by reading back what TypedStore itself stored: the rows are
/// written through the generated accessors into a scratch RocksDB store, which RocksDbSharp then reads. This also
/// proves that TypedStore stores each row under exactly the key bytes <see cref="EncodedKeys"/> produced.
/// </summary>
internal static class StoredValues
{
    /// <summary>Writes <paramref name="rows"/> with TypedStore and returns each one's stored value, in the order of <paramref name="keys"/>.</summary>
    public static byte[][] OfEvents(Event[] rows, byte[][] keys)
        => Read("events", keys, store =>
        {
            for (int start = 0; start < rows.Length; start += BenchSettings.LoadBatchRows)
            {
                store.Events.PutMany(new ArraySegment<Event>(rows, start, Math.Min(BenchSettings.LoadBatchRows, rows.Length - start)));
            }
        });

    /// <summary>Writes <paramref name="rows"/> with TypedStore and returns each one's stored value, in the order of <paramref name="keys"/>.</summary>
    public static byte[][] OfUserEvents(UserEvent[] rows, byte[][] keys)
        => Read("user_events", keys, store =>
        {
            for (int start = 0; start < rows.Length; start += BenchSettings.LoadBatchRows)
            {
                store.UserEvents.PutMany(new ArraySegment<UserEvent>(rows, start, Math.Min(BenchSettings.LoadBatchRows, rows.Length - start)));
            }
        });

    private static byte[][] Read(string table, byte[][] keys, Action<BenchStore> write)
    {
        using var directory = new TempDirectory("encode");

        // With the WAL off, closing the store flushes every memtable, so the read-only open below sees all rows.
        using (BenchStore store = BenchStore.Open(directory.Path, new StoreOptions { DisableWal = true }))
        {
            write(store);
        }

        var options = new DbOptions();
        var families = new ColumnFamilies(new ColumnFamilyOptions());
        foreach (string name in RocksDb.ListColumnFamilies(options, directory.Path))
        {
            if (name != ColumnFamilies.DefaultName)
            {
                families.Add(name, new ColumnFamilyOptions());
            }
        }

        using RocksDb db = RocksDb.OpenReadOnly(options, directory.Path, families, errIfLogFileExists: false);
        ColumnFamilyHandle family = db.GetColumnFamily(table);
        var values = new byte[keys.Length][];
        for (int i = 0; i < keys.Length; i++)
        {
            values[i] = db.Get(keys[i], family)
                ?? throw new InvalidOperationException(
                    $"TypedStore did not store row #{i} of '{table}' under the key bytes KeyWriter encodes: the raw baseline would not write the same data.");
        }

        return values;
    }
}
