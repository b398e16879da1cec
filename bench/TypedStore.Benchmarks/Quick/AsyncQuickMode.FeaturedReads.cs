using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <content>
/// The async reads of featured tables against their synchronous forms (docs/async.md, "Cost on RocksDB"): a
/// soft-delete table's <c>GetAsync</c>/<c>Get</c> (a page of the row and its marker against one bounded iterator) and
/// a 100-row index query read with <c>ToAsyncEnumerable()</c>/<c>foreach</c> (entries a page at a time and one
/// <c>GetManyAsync</c> of their rows, against an entry walk with a point read per row).
/// </content>
internal static partial class AsyncQuickMode
{
    private static void PrintFeaturedReads(BenchStore store, QuickOptions options, int rows)
    {
        string payload = new('p', 60);
        List<SoftIndexRow> soft = [];
        List<OneIndexRow> indexed = [];
        for (int i = 0; i < rows; i++)
        {
            // Owners of 100 rows each: an index query of one owner reads 100 rows.
            soft.Add(new SoftIndexRow(i, "o" + (i / RowsPerUnit), i % 7, "e" + i, payload));
            indexed.Add(new OneIndexRow(i, "o" + (i / RowsPerUnit), i % 7, "e" + i, payload));
        }

        store.IxSoft.PutMany(soft);
        store.IxOne.PutMany(indexed);
        int[] order = [.. Enumerable.Range(0, rows).OrderBy(i => (uint)(i * 2654435761u))];
        Print("get_soft_async", Measure(options.Rounds, rows, opsPerUnit: 1,
            (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    _ = store.IxSoft.GetAsync(order[i]).GetAwaiter().GetResult() ?? throw Missing(order[i]);
                }
            },
            (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    _ = store.IxSoft.Get(order[i]) ?? throw Missing(order[i]);
                }
            }));

        Print("ix_scan100_async", Measure(options.Rounds, rows / RowsPerUnit, opsPerUnit: RowsPerUnit,
            (start, end) =>
            {
                for (int u = start; u < end; u++)
                {
                    IAsyncEnumerator<OneIndexRow> owned = store.IxOne.ByOwner.Scan("o" + u).ToAsyncEnumerable().GetAsyncEnumerator();
                    int read = 0;
                    while (owned.MoveNextAsync().GetAwaiter().GetResult())
                    {
                        read++;
                    }

                    owned.DisposeAsync().GetAwaiter().GetResult();
                    ThrowIfShort(read);
                }
            },
            (start, end) =>
            {
                for (int u = start; u < end; u++)
                {
                    int read = 0;
                    foreach (OneIndexRow _ in store.IxOne.ByOwner.Scan("o" + u))
                    {
                        read++;
                    }

                    ThrowIfShort(read);
                }
            }));
    }
}
