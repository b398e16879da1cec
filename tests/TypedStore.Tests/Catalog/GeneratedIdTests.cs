using System.Collections.Concurrent;

namespace TypedStore.Tests.Catalog;

/// <summary>
/// <c>[Key(Generated = true)]</c>: Insert draws ids from the table's sequence in the catalog. Written once and run
/// on every engine (see the derived classes); what needs a persistent engine (reopen, crash) is in the RocksDB class.
/// </summary>
public abstract class GeneratedIdTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    protected abstract SequenceStore OpenStore();

    protected virtual void DisposeEngineResources()
    {
    }

    protected T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    [Fact]
    public void Insert_AssignsIncreasingIdsFromOne_IgnoringTheRowsOwnId_AndReturnsTheStoredRow()
    {
        SequenceStore store = OpenStore();

        Ticket first = store.Tickets.Insert(new Ticket(0, "first"));
        Ticket second = store.Tickets.Insert(new Ticket(999, "second"));
        Ticket third = store.Tickets.Insert(new Ticket(-5, "third"));

        Assert.Equal([1L, 2L, 3L], new[] { first.Id, second.Id, third.Id });
        Assert.Equal(new Ticket(2, "second"), second);
        Assert.Equal(second, store.Tickets.Get(2));
        Assert.Null(store.Tickets.Get(999));
        Assert.Equal(3, store.Tickets.Count());
    }

    [Fact]
    public void Insert_RebuildsClassRows_WithTheIdAndEveryOtherMember()
    {
        SequenceStore store = OpenStore();

        Invoice invoice = store.Invoices.Insert(new Invoice { Number = 77, Customer = "Ann", Total = 12.50m });
        Order order = store.Orders.Insert(new Order(77, "lamp"));
        Mark mark = store.Marks.Insert(new Mark(77, "struct"));

        Assert.Equal((1L, "Ann", 12.50m), (invoice.Number, invoice.Customer, invoice.Total));
        Assert.Equal((1L, "lamp"), (order.Id, order.Item));
        Assert.Equal(new Mark(1, "struct"), mark);
        Invoice storedInvoice = store.Invoices.Get(1)!;
        Assert.Equal(("Ann", 12.50m), (storedInvoice.Customer, storedInvoice.Total));
        Assert.Equal("lamp", store.Orders.Get(1)!.Item);
        Assert.Equal(mark, store.Marks.Get(1));
    }

    [Fact]
    public void EachTable_HasItsOwnSequence()
    {
        SequenceStore store = OpenStore();
        store.Tickets.Insert(new Ticket(0, "a"));
        store.Tickets.Insert(new Ticket(0, "b"));

        Assert.Equal(1, store.Orders.Insert(new Order(0, "x")).Id);
        Assert.Equal(3, store.Tickets.Insert(new Ticket(0, "c")).Id);
    }

    [Fact]
    public void Insert_IntoUserTable_DescendingId_ListsTheNewestNoteFirst()
    {
        SequenceStore store = OpenStore();
        foreach (string text in new[] { "one", "two", "three" })
        {
            store.Notes.Insert(new Note("ann", 0, text));
            store.Notes.Insert(new Note("bob", 0, text));
        }

        Assert.Equal(["three", "two", "one"], store.Notes.ScanUser("ann").Select(n => n.Text));
        Assert.Equal([5L, 3L, 1L], store.Notes.ScanUser("ann").Select(n => n.NoteId));
    }

    [Fact]
    public void Put_WithAnIdAheadOfTheSequence_MovesTheSequencePastIt()
    {
        SequenceStore store = OpenStore();
        store.Tickets.Insert(new Ticket(0, "a"));

        store.Tickets.Put(new Ticket(5_000, "chosen by the caller"));
        Assert.Equal(5_001, store.Tickets.Insert(new Ticket(0, "b")).Id);

        store.Tickets.Put(new Ticket(10, "behind the sequence: no effect"));
        Assert.Equal(5_002, store.Tickets.Insert(new Ticket(0, "c")).Id);

        store.Tickets.PutMany([new Ticket(7_000, "x"), new Ticket(6_000, "y")]);
        Assert.Equal(7_001, store.Tickets.Insert(new Ticket(0, "d")).Id);

        using (SequenceStoreBatch batch = store.CreateBatch())
        {
            batch.Tickets.Put(new Ticket(9_000, "in a batch"));
            batch.Commit();
        }

        Assert.Equal(9_001, store.Tickets.Insert(new Ticket(0, "e")).Id);
        Assert.Equal("chosen by the caller", store.Tickets.Get(5_000)!.Title);
    }

    [Fact]
    public void Sequence_ReachingLongMaxValue_HandsOutTheLastIdThenRefuses()
    {
        SequenceStore store = OpenStore();
        store.Tickets.Put(new Ticket(long.MaxValue - 2, "near the end"));

        Assert.Equal(long.MaxValue - 1, store.Tickets.Insert(new Ticket(0, "a")).Id);
        Assert.Equal(long.MaxValue, store.Tickets.Insert(new Ticket(0, "b")).Id);
        InvalidOperationException exhausted = Assert.Throws<InvalidOperationException>(() => store.Tickets.Insert(new Ticket(0, "c")));
        Assert.Contains("'tickets'", exhausted.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.Tickets.Count());
    }

    [Fact]
    public void BatchInsert_TakesTheIdAtOnce_WritesOnCommit_AndAnAbandonedBatchLeavesAGap()
    {
        SequenceStore store = OpenStore();
        Ticket committed;
        using (SequenceStoreBatch batch = store.CreateBatch())
        {
            committed = batch.Tickets.Insert(new Ticket(0, "batched"));
            Assert.Equal(1, committed.Id);
            Assert.Null(store.Tickets.Get(1));
            Assert.Equal(2, store.Tickets.Insert(new Ticket(0, "direct")).Id);
            batch.Commit();
        }

        using (SequenceStoreBatch abandoned = store.CreateBatch())
        {
            Assert.Equal(3, abandoned.Tickets.Insert(new Ticket(0, "never committed")).Id);
        }

        Assert.Equal(committed, store.Tickets.Get(1));
        Assert.Null(store.Tickets.Get(3));
        Assert.Equal(4, store.Tickets.Insert(new Ticket(0, "after the gap")).Id);
    }

    [Fact]
    public void Insert_AfterDispose_ThrowsObjectDisposedException()
    {
        SequenceStore store = OpenStore();
        store.Tickets.Insert(new Ticket(0, "before"));
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Tickets.Insert(new Ticket(0, "after")));
        Assert.Throws<ObjectDisposedException>(() => store.Tickets.Put(new Ticket(99_999, "after")));
    }

    [Fact]
    public void Insert_NullRow_ThrowsArgumentNullException_AndTakesNoId()
    {
        SequenceStore store = OpenStore();

        Assert.Throws<ArgumentNullException>(() => store.Tickets.Insert(null!));
        Assert.Throws<ArgumentNullException>(() => store.Orders.Insert(null!));
        Assert.Equal(1, store.Tickets.Insert(new Ticket(0, "first")).Id);
    }

    [Fact]
    public void ConcurrentInserts_FromSeveralThreads_GetUniqueIds_IncreasingPerThread()
    {
        SequenceStore store = OpenStore();
        const int Threads = 6;
        const int PerThread = 700; // 4 200 ids: several blocks are reserved while threads race
        var idsByThread = new ConcurrentDictionary<int, List<long>>();
        using var start = new Barrier(Threads);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var ids = new List<long>(PerThread);
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                ids.Add(store.Tickets.Insert(new Ticket(0, $"{thread}/{i}")).Id);
            }

            idsByThread[thread] = ids;
        });

        List<long> all = idsByThread.Values.SelectMany(ids => ids).ToList();
        Assert.Equal(Threads * PerThread, all.Distinct().Count());
        Assert.All(idsByThread.Values, ids => Assert.True(ids.SequenceEqual(ids.Order()), "one thread's ids must increase"));

        // No id was lost or invented: the rows are exactly the ids handed out, each with its own title.
        Assert.Equal(all.Order(), store.Tickets.ScanAll().Select(t => t.Id));
        foreach ((int thread, List<long> ids) in idsByThread)
        {
            Assert.Equal($"{thread}/0", store.Tickets.Get(ids[0])!.Title);
        }
    }
}
