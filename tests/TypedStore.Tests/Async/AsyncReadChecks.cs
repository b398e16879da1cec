using TypedStore.Queries;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// What the async read suites share: running a read and, on the yielding engine, asserting it made no synchronous
/// engine call; collecting an async sequence; walking every page of a query (synchronously and async) so the two walks
/// can be compared page by page, tokens included.
/// </summary>
internal static class AsyncReadChecks
{
    /// <summary>
    /// Runs <paramref name="read"/>; on the yielding engine (<paramref name="engine"/> not null), asserts its synchronous
    /// read, snapshot and write counts did not move.
    /// </summary>
    public static async Task<T> NoSyncCall<T>(YieldingStorageEngine? engine, string member, Func<Task<T>> read)
    {
        (int Reads, int Snapshots, int Writes) before = engine is null ? default : (engine.SyncReads, engine.SyncSnapshots, engine.SyncWrites);
        T result = await read();
        if (engine is not null)
        {
            Assert.True(before == (engine.SyncReads, engine.SyncSnapshots, engine.SyncWrites), $"{member}: a synchronous engine call (reads, snapshots, writes) {before} -> {(engine.SyncReads, engine.SyncSnapshots, engine.SyncWrites)}");
        }

        return result;
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        List<T> list = [];
        await foreach (T row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    // Every page of a query, by its size, with the tokens.
    public static List<(List<T> Rows, string? Next)> Pages<T>(Func<string?, Page<T>> page)
    {
        List<(List<T>, string?)> pages = [];
        string? next = null;
        do
        {
            Page<T> read = page(next);
            pages.Add(([.. read.Rows], read.Next));
            next = read.Next;
        }
        while (next is not null);
        return pages;
    }

    public static async Task<List<(List<T> Rows, string? Next)>> PagesAsync<T>(Func<string?, ValueTask<Page<T>>> page)
    {
        List<(List<T>, string?)> pages = [];
        string? next = null;
        do
        {
            Page<T> read = await page(next);
            pages.Add(([.. read.Rows], read.Next));
            next = read.Next;
        }
        while (next is not null);
        return pages;
    }

    public static void AssertPagesEqual<T>(List<(List<T> Rows, string? Next)> expected, List<(List<T> Rows, string? Next)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Rows, actual[i].Rows);
            Assert.Equal(expected[i].Next, actual[i].Next);
        }
    }
}
