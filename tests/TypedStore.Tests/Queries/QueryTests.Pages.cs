namespace TypedStore.Tests.Queries;

public abstract partial class QueryTests
{
    [Fact]
    public void Pages_WalkedWhileRowsAreWrittenOutsideTheRange_SeeEveryRowOfTheRangeExactlyOnce()
    {
        QueryStore store = Open();
        store.QItems.PutMany(Enumerable.Range(0, 50).Select(i => new QItem("in", i, i % 3, $"r{i}")));
        List<QItem> expected = store.QItems.Scan("in").From(40L).Before(5L).ToList();

        List<QItem> seen = [];
        string? next = null;
        int written = 0;
        do
        {
            Page<QItem> page = store.QItems.Scan("in").From(40L).Before(5L).Page(4, next);
            seen.AddRange(page.Rows);
            next = page.Next;

            // Between pages: rows before and after the range in the same prefix, in the neighbouring prefixes, and
            // an update of a row already paged (same key: it must not come back).
            store.QItems.Put(new QItem("in", 41 + written, 0, "above"));
            store.QItems.Put(new QItem("in", -1 - written, 0, "below"));
            store.QItems.Put(new QItem("im", written, 0, "prefix before"));
            store.QItems.Put(new QItem("io", written, 0, "prefix after"));
            store.QItems.Put(seen[0] with { Body = "updated" });
            store.QItems.Delete("in", 100, 0);
            written++;
        }
        while (next is not null);

        Assert.Equal(expected.Select(r => (r.At, r.Seq)), seen.Select(r => (r.At, r.Seq)));
        Assert.Equal(9, written); // 35 rows (40 down to 6), pages of 4: eight full pages and one of 3
    }

    [Fact]
    public void Pages_WalkedWhileAnotherThreadWritesAroundTheRange_SeeEveryRowOfTheRangeExactlyOnce()
    {
        QueryStore store = Open();
        store.QItems.PutMany(Enumerable.Range(0, 300).Select(i => new QItem("in", i, 0, $"r{i}")));
        List<long> expected = [.. store.QItems.Scan("in").From(250L).To(50L).Select(r => r.At)];
        using CancellationTokenSource stop = new();
        int written = 0;

        // Rows before and after the range in its prefix, and in the prefixes on both sides, as fast as they go.
        Thread writer = new(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                store.QItems.PutMany([new QItem("in", 300 + i, 1, "above"), new QItem("in", -1 - i, 1, "below"), new QItem("im", i, 1, "x"), new QItem("io", i, 1, "x")]);
                Interlocked.Increment(ref written);
            }
        });
        writer.Start();

        List<long> seen = [];
        try
        {
            string? next = null;
            do
            {
                Page<QItem> page = store.QItems.Scan("in").From(250L).To(50L).Page(7, next);
                seen.AddRange(page.Rows.Select(r => r.At));
                next = page.Next;
                SpinWait.SpinUntil(() => Volatile.Read(ref written) > seen.Count / 7, 100); // let the writer in between pages
            }
            while (next is not null);
        }
        finally
        {
            stop.Cancel();
            writer.Join();
        }

        Assert.Equal(expected, seen);
        Assert.True(written > 0);
    }

    [Fact]
    public void Pages_InReverse_ContinueBackwards()
    {
        QueryStore store = Open();
        store.QItems.PutMany(Enumerable.Range(0, 7).Select(i => new QItem("p", i, 0, $"r{i}")));

        Page<QItem> first = store.QItems.Scan("p").Reverse().Page(3);
        Page<QItem> second = store.QItems.Scan("p").Reverse().Page(3, first.Next);
        Page<QItem> third = store.QItems.Scan("p").Reverse().Page(3, second.Next);

        Assert.Equal([0L, 1, 2], first.Rows.Select(r => r.At)); // At descending: reversed is ascending
        Assert.Equal([3L, 4, 5], second.Rows.Select(r => r.At));
        Assert.Equal([6L], third.Rows.Select(r => r.At));
        Assert.Null(third.Next);
    }

    [Fact]
    public void Continuation_OfAnotherTable_AnotherRange_OrGarbage_IsRefused_NamingTheTable()
    {
        QueryStore store = Open();
        store.QItems.PutMany(Enumerable.Range(0, 5).Select(i => new QItem("p", i, 0, "r")));
        store.QOther.PutMany(Enumerable.Range(0, 5).Select(i => new QOther("p", i, 0, "r")));
        string token = store.QItems.Scan("p").Page(2).Next!;
        string otherTable = store.QOther.Scan("p").Page(2).Next!;

        Assert.Equal(2, store.QItems.Scan("p").Page(2, token).Rows.Count);
        AssertRefused(() => store.QItems.Scan("p").Page(2, otherTable));
        AssertRefused(() => store.QItems.Scan("q").Page(2, token));
        AssertRefused(() => store.QItems.Scan("p").From(3L).Page(2, token));
        AssertRefused(() => store.QItems.Scan("p").Reverse().Page(2, token));
        AssertRefused(() => store.QItems.Scan().Page(2, token));
        AssertRefused(() => store.QItems.Scan("p").Page(2, "not a token!"));
        AssertRefused(() => store.QItems.Scan("p").Page(2, string.Empty));
        AssertRefused(() => store.QItems.Scan("p").Page(2, token[..^2]));

        static void AssertRefused(Action page)
        {
            ArgumentException refusal = Assert.Throws<ArgumentException>(page);
            Assert.Contains("'q_items'", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PageSize_MustBePositive_NamingTheTable()
    {
        QueryStore store = Open();

        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => store.QItems.Scan().Page(0));
        Assert.Contains("'q_items'", refusal.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.QItems.Scan("p").Page(-1));
    }

    [Fact]
    public void EmptyRange_HasOneEmptyLastPage()
    {
        QueryStore store = Open();
        store.QItems.Put(new QItem("p", 1, 0, "r"));

        Page<QItem> page = store.QItems.Scan("p").After(0L).Before(2L).Page(5); // descending: after 0 is below 0
        Assert.Empty(page.Rows);
        Assert.Null(page.Next);
    }
}
