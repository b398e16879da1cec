using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// The async reads of featured tables and index queries (docs/async.md, "What runs through the engine's async
/// members"): soft-delete rows merged with their markers, stream rows filtered by expiry, index entries then their rows,
/// change logs, keys and one-part user tables, each read a page at a time. Every read is compared with its synchronous
/// form over the same state, on every engine of the suite (derived classes); on the yielding engine each read is also
/// shown to make no synchronous engine call (<see cref="YieldingStorageEngine.SyncReads"/>,
/// <see cref="YieldingStorageEngine.SyncSnapshots"/>, <see cref="YieldingStorageEngine.SyncWrites"/> unchanged).
/// </summary>
public abstract partial class AsyncReadTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a new, empty store.</summary>
    internal abstract AsyncReadStore Open(StoreOptions? options = null);

    /// <summary>The async engine the last store opened runs on, when the suite runs on one.</summary>
    internal virtual YieldingStorageEngine? AsyncEngine => null;

    /// <summary>Whether the engine's async members complete on return (RocksDB, memory); a network engine's do not.</summary>
    internal virtual bool CompletesSynchronously => AsyncEngine is null;

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    protected virtual void DisposeEngineResources()
    {
    }

    internal AsyncReadStore Track(AsyncReadStore store)
    {
        _opened.Add(store);
        return store;
    }

    // Notes of three books; every third deleted, one deleted and restored, and a marker alone (a delete of a key that
    // has no row). Enough rows that pages (32, 64, ... entries) end between a row and its marker.
    private static void FillNotes(AsyncReadStore store, int perBook = 90)
    {
        List<ReadNote> notes = [];
        for (int b = 0; b < 3; b++)
        {
            for (int n = 0; n < perBook; n++)
            {
                notes.Add(new ReadNote("b" + b, n, "t" + (n % 4), n % 7, n % 5 == 0 ? null : $"s{b}-{n}"));
            }
        }

        store.AreadNotes.PutMany(notes);
        foreach (ReadNote note in notes.Where(n => n.Number % 3 == 1))
        {
            store.AreadNotes.Delete(note.Book, note.Number);
        }

        store.AreadNotes.Restore("b1", 4);
        store.AreadNotes.Delete("b1", 1000);
    }

    /// <summary>
    /// Runs <paramref name="read"/> and, on the yielding engine, asserts it made no synchronous engine call (read,
    /// snapshot or write): every engine call it made was one of the async members.
    /// </summary>
    private Task<T> Async<T>(string member, Func<Task<T>> read) => AsyncReadChecks.NoSyncCall(AsyncEngine, member, read);

    private Task<List<T>> AsyncList<T>(string member, IAsyncEnumerable<T> rows) => Async(member, () => ToListAsync(rows));

    private static Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows) => AsyncReadChecks.ToListAsync(rows);

    private static List<(List<T> Rows, string? Next)> Pages<T>(Func<string?, Page<T>> page) => AsyncReadChecks.Pages(page);

    private static Task<List<(List<T> Rows, string? Next)>> PagesAsync<T>(Func<string?, ValueTask<Page<T>>> page) => AsyncReadChecks.PagesAsync(page);

    private static void AssertPagesEqual<T>(List<(List<T> Rows, string? Next)> expected, List<(List<T> Rows, string? Next)> actual)
        => AsyncReadChecks.AssertPagesEqual(expected, actual);
}
