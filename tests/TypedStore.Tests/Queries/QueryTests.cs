using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Queries;

/// <summary>
/// Queries (docs/queries.md) through the generated <see cref="QueryStore"/>, written once and run on every engine (see
/// the derived classes): a seeded model test against a LINQ reference, pages and their tokens, features, bad input.
/// </summary>
public abstract partial class QueryTests : IDisposable
{
    private static readonly string[] s_projects = ["", "a", "a\0", "a\0b", "a\u0001", "a\u00FF", "a\uFFFF", "ab", "b", "\0", "日本"];
    private static readonly long[] s_ats = [long.MinValue, -2, -1, 0, 1, 2, 3, long.MaxValue];
    private static readonly int[] s_seqs = [int.MinValue, -1, 0, 1, 2, int.MaxValue];

    private readonly List<IDisposable> _opened = [];

    internal ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a new, empty store (each call a different one).</summary>
    internal abstract QueryStore OpenStore(StoreOptions options);

    protected virtual void DisposeEngineResources()
    {
    }

    internal QueryStore Open() => OpenStore(new StoreOptions { TimeProvider = Clock });

    internal T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    /// <summary>
    /// The model test: random puts, deletes and range deletes (of random queries, directly or in a batch), and after
    /// each step one random query (depth, bounds on 1..3 parts,
    /// direction, page size) whose rows, Count, Any, First, Last, Keys and concatenated pages must all equal the LINQ
    /// reference over the rows written, in the documented key order. Every few steps the same query also runs on a
    /// snapshot taken before more writes, against the rows as they were.
    /// </summary>
    [Theory]
    [InlineData(20260305)]
    [InlineData(7)]
    [InlineData(123456789)]
    public void EveryQuery_EqualsTheLinqReference_OverRandomRowsAndBounds(int seed)
    {
        const int Steps = 400;
        Random random = new(seed);
        QueryStore store = Open();
        Dictionary<(string, long, int), QItem> rows = new();
        int checks = 0;
        int deletes = 0;
        for (int step = 0; step < Steps; step++)
        {
            int writes = random.Next(1, 4);
            for (int w = 0; w < writes; w++)
            {
                QItem item = RandomItem(random, $"s{step}w{w}");
                if (random.Next(5) == 0)
                {
                    store.QItems.Delete(item.Project, item.At, item.Seq);
                    rows.Remove((item.Project, item.At, item.Seq));
                }
                else
                {
                    store.QItems.Put(item);
                    rows[(item.Project, item.At, item.Seq)] = item;
                }
            }

            // Now and then a random range is deleted, directly or in a batch beside a put: the reference drops the
            // rows the same query selects.
            if (random.Next(12) == 0)
            {
                QuerySpec doomed = RandomSpec(random, rows.Values.ToList());
                foreach (QItem gone in QueryReference.Select(rows.Values, doomed))
                {
                    rows.Remove((gone.Project, gone.At, gone.Seq));
                }

                if (random.Next(2) == 0)
                {
                    QueryWrites.Delete(QueryBuilder.Build(store.QItems, doomed));
                }
                else
                {
                    using QueryStoreBatch batch = store.CreateBatch();
                    batch.QItems.Delete(QueryBuilder.Build(store.QItems, doomed));
                    QItem survivor = RandomItem(random, $"s{step}batch");
                    batch.QItems.Put(survivor);
                    rows[(survivor.Project, survivor.At, survivor.Seq)] = survivor;
                    batch.Commit();
                }

                deletes++;
            }

            QuerySpec spec = RandomSpec(random, rows.Values.ToList());
            int pageSize = random.Next(1, 6);
            try
            {
                CheckQuery(store.QItems, spec, rows.Values, pageSize);
                checks++;
                if (step % 25 == 0)
                {
                    using QueryStoreSnapshot snapshot = store.CreateSnapshot();
                    List<QItem> before = rows.Values.ToList();
                    store.QItems.Put(RandomItem(random, "after-snapshot"));
                    CheckQuery(snapshot.QItems, spec, before, pageSize);
                    rows.Clear();
                    foreach (QItem row in store.QItems.ScanAll())
                    {
                        rows[(row.Project, row.At, row.Seq)] = row;
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, step {step}, query {spec}, page size {pageSize}: {ex.Message}");
            }
        }

        Assert.Equal(Steps, checks);
        Assert.InRange(deletes, 10, 80);
    }

    private static void CheckQuery<TContext>(QueryStore.QItemsTable<TContext> table, QuerySpec spec, IEnumerable<QItem> rows, int pageSize)
        where TContext : struct, IReadContext
    {
        List<QItem> expected = QueryReference.Select(rows, spec);
        Assert.Equal(expected, QueryBuilder.Build(table, spec).ToList());
        Assert.Equal(expected.Count, QueryBuilder.Build(table, spec).Count());
        Assert.Equal(expected.Count > 0, QueryBuilder.Build(table, spec).Any());
        Assert.Equal(expected.FirstOrDefault(), QueryBuilder.Build(table, spec).First());
        Assert.Equal(expected.LastOrDefault(), QueryBuilder.Build(table, spec).Last());
        Assert.Equal(expected.Select(r => (r.Project, r.At, r.Seq)), QueryBuilder.Keys(table, spec));

        List<QItem> paged = [];
        TableQuery<QItem, TContext> query = QueryBuilder.Build(table, spec);
        string? next = null;
        int pages = 0;
        do
        {
            Page<QItem> page = query.Page(pageSize, next);
            Assert.True(page.Rows.Count <= pageSize);
            Assert.True(page.Next is null || page.Rows.Count == pageSize);
            paged.AddRange(page.Rows);
            next = page.Next;
            Assert.True(++pages <= expected.Count + 1, "the pages do not end");
        }
        while (next is not null);

        Assert.Equal(expected, paged);
    }

    private static QItem RandomItem(Random random, string body)
        => new(s_projects[random.Next(s_projects.Length)], s_ats[random.Next(s_ats.Length)], s_seqs[random.Next(s_seqs.Length)], body);

    // Bound values are drawn from stored rows half the time (bounds that hit rows exactly) and at random otherwise.
    private static QuerySpec RandomSpec(Random random, List<QItem> rows)
    {
        QItem Pick() => rows.Count > 0 && random.Next(2) == 0 ? rows[random.Next(rows.Count)] : RandomItem(random, string.Empty);

        int depth = random.Next(3);
        QItem prefix = Pick();
        QueryBoundSpec? Bound(QueryBound first, QueryBound second)
            => random.Next(3) == 0 ? null : new QueryBoundSpec(random.Next(2) == 0 ? first : second, random.Next(1, 4 - depth), Pick());

        return new QuerySpec(depth, prefix, Bound(QueryBound.From, QueryBound.After), Bound(QueryBound.To, QueryBound.Before), random.Next(2) == 0);
    }
}
