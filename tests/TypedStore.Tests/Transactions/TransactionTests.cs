namespace TypedStore.Tests.Transactions;

/// <summary>
/// Transactions and conditional writes through the generated <see cref="TxStore"/>, on every engine (derived classes):
/// invariants under concurrency (bank transfer, lost updates, TryAdd races), read-your-own-writes in every read member,
/// conflicts and retries, async bodies resuming on other threads, misuse.
/// </summary>
public abstract partial class TransactionTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    internal abstract TxStore Open(StoreOptions? options = null);

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

    internal TxStore Track(TxStore store)
    {
        _opened.Add(store);
        return store;
    }

    [Fact]
    public async Task Bank_transfers_keep_the_sum_at_every_snapshot()
    {
        // The property is the invariant, not the retry budget (tested on its own): three writers over eight accounts
        // conflict often, and on a slow engine (etcd under load) ten attempts were measured to run out.
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        const int accounts = 8;
        for (int i = 0; i < accounts; i++)
        {
            store.TxAccounts.Put(new TxAccount("a" + i, 1000));
        }

        using CancellationTokenSource stop = new();
        Task[] writers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            Random random = new(t);
            for (int n = 0; n < 300; n++)
            {
                string from = "a" + random.Next(accounts);
                string to = "a" + random.Next(accounts);
                long amount = random.Next(1, 50);
                store.Transact(tx =>
                {
                    TxAccount a = tx.TxAccounts.Get(from)!;
                    tx.TxAccounts.Put(a with { Balance = a.Balance - amount });
                    TxAccount b = tx.TxAccounts.Get(to)!;
                    tx.TxAccounts.Put(b with { Balance = b.Balance + amount });
                });
            }
        })).ToArray();

        Task reader = Task.Run(() =>
        {
            while (!writers.All(w => w.IsCompleted))
            {
                using TxStoreSnapshot snapshot = store.CreateSnapshot();
                Assert.Equal(accounts * 1000L, snapshot.TxAccounts.ScanAll().Sum(a => a.Balance));
                Assert.Equal(accounts * 1000L, store.Transact(tx => tx.TxAccounts.ScanAll().Sum(a => a.Balance)));
            }
        });

        await Task.WhenAll([.. writers, reader]);
        Assert.Equal(accounts * 1000L, store.TxAccounts.ScanAll().Sum(a => a.Balance));
    }

    [Fact]
    public void Concurrent_increments_lose_no_update()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        store.TxAccounts.Put(new TxAccount("c", 0));
        const int threads = 4;
        const int increments = 200;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < increments; i++)
            {
                if (i % 2 == 0)
                {
                    store.TxAccounts.Update("c", a => a with { Balance = a.Balance + 1 });
                }
                else
                {
                    store.Transact(tx =>
                    {
                        TxAccount a = tx.TxAccounts.Get("c")!;
                        tx.TxAccounts.Put(a with { Balance = a.Balance + 1 });
                    });
                }
            }
        });

        Assert.Equal(threads * increments, store.TxAccounts.Get("c")!.Balance);
    }

    [Fact]
    public void TryAdd_races_have_exactly_one_winner()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        for (int round = 0; round < 50; round++)
        {
            string key = "k" + round;
            int wins = 0;
            Parallel.For(0, 4, t =>
            {
                if (store.TxAccounts.TryAdd(new TxAccount(key, t)))
                {
                    Interlocked.Increment(ref wins);
                }
            });

            Assert.Equal(1, wins);
            Assert.False(store.TxAccounts.TryAdd(new TxAccount(key, 99)));
        }
    }

    [Fact]
    public void Reads_see_the_transactions_own_writes_in_every_read_member()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("b", 2));
        store.TxAccounts.Put(new TxAccount("d", 4));
        store.TxAccounts.Put(new TxAccount("f", 6));

        using TxStoreTransaction tx = store.BeginTransaction();
        tx.TxAccounts.Put(new TxAccount("a", 1));
        tx.TxAccounts.Put(new TxAccount("d", 40));
        tx.TxAccounts.Delete("f");
        tx.TxAccounts.Put(new TxAccount("g", 7));

        Assert.Equal(40, tx.TxAccounts.Get("d")!.Balance);
        Assert.Null(tx.TxAccounts.Get("f"));
        Assert.True(tx.TxAccounts.Exists("a"));
        Assert.False(tx.TxAccounts.Exists("f"));
        Assert.Equal(["a", "b", "d", "g"], tx.TxAccounts.ScanAll().Select(a => a.Id));
        Assert.Equal(["g", "d", "b", "a"], tx.TxAccounts.ScanAll(reverse: true).Select(a => a.Id));
        Assert.Equal(4, tx.TxAccounts.Count());
        Assert.Equal("a", tx.TxAccounts.Scan().First()!.Id);
        Assert.Equal("g", tx.TxAccounts.Scan().Last()!.Id);
        Assert.Equal(["b", "d"], tx.TxAccounts.Scan().From("b").Before("g").Select(a => a.Id));
        Assert.Equal([40L, 0L, 1L], tx.TxAccounts.GetMany(["d", "f", "a"]).Select(a => a?.Balance ?? 0));

        // The store does not see them before the commit; it sees all of them after.
        Assert.Equal(["b", "d", "f"], store.TxAccounts.ScanAll().Select(a => a.Id));
        tx.Commit();
        Assert.Equal(["a", "b", "d", "g"], store.TxAccounts.ScanAll().Select(a => a.Id));
        Assert.Equal(40, store.TxAccounts.Get("d")!.Balance);
    }

    [Fact]
    public void A_key_read_and_then_written_by_someone_else_fails_the_commit_and_writes_nothing()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("x", 1));
        using TxStoreTransaction tx = store.BeginTransaction();
        TxAccount x = tx.TxAccounts.Get("x")!;
        tx.TxAccounts.Put(new TxAccount("y", x.Balance));
        store.TxAccounts.Put(new TxAccount("x", 2));
        TransactionConflictException conflict = Assert.Throws<TransactionConflictException>(tx.Commit);
        Assert.Equal(1, conflict.Attempts);
        Assert.Null(store.TxAccounts.Get("y"));
        Assert.Throws<InvalidOperationException>(() => tx.TxAccounts.Put(new TxAccount("z", 0)));
    }

    [Fact]
    public void A_key_absent_when_read_and_added_by_someone_else_is_a_conflict()
    {
        TxStore store = Open();
        using TxStoreTransaction tx = store.BeginTransaction();
        Assert.True(tx.TxAccounts.TryAdd(new TxAccount("n", 1)));
        store.TxAccounts.Put(new TxAccount("n", 2));
        Assert.Throws<TransactionConflictException>(tx.Commit);
        Assert.Equal(2, store.TxAccounts.Get("n")!.Balance);
    }

    [Fact]
    public void Conflicts_are_retried_then_reported_after_the_budget()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 3 });
        store.TxAccounts.Put(new TxAccount("h", 0));
        int runs = 0;
        TransactionConflictException failure = Assert.Throws<TransactionConflictException>(() => store.Transact(tx =>
        {
            runs++;
            TxAccount h = tx.TxAccounts.Get("h")!;
            store.TxAccounts.Put(h with { Balance = h.Balance + 100 }); // another writer, every attempt
            tx.TxAccounts.Put(h with { Balance = h.Balance + 1 });
        }));
        Assert.Equal(3, runs);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal(300, store.TxAccounts.Get("h")!.Balance);

        runs = 0;
        int result = store.Transact(tx =>
        {
            runs++;
            TxAccount h = tx.TxAccounts.Get("h")!;
            if (runs == 1)
            {
                store.TxAccounts.Put(h with { Balance = h.Balance + 1 });
            }

            tx.TxAccounts.Put(h with { Balance = h.Balance + 10 });
            return runs;
        });
        Assert.Equal(2, result);
        Assert.Equal(311, store.TxAccounts.Get("h")!.Balance);
    }

    [Fact]
    public async Task TransactAsync_crosses_awaits_and_threads()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("s", 0));
        HashSet<int> threads = [];
        long balance = await store.TransactAsync(async (tx, ct) =>
        {
            for (int i = 0; i < 5; i++)
            {
                threads.Add(Environment.CurrentManagedThreadId);
                TxAccount s = tx.TxAccounts.Get("s")!;
                tx.TxAccounts.Put(s with { Balance = s.Balance + 1 });
                await Task.Delay(1, ct).ConfigureAwait(false);
                await Task.Run(() => { }, ct).ConfigureAwait(false);
            }

            return tx.TxAccounts.Get("s")!.Balance;
        });

        Assert.Equal(5, balance);
        Assert.Equal(5, store.TxAccounts.Get("s")!.Balance);
    }

    [Fact]
    public void Table_features_work_inside_a_transaction()
    {
        TxStore store = Open();
        store.TxPeople.Put(new TxPerson("p1", "ada@x", 30));
        long since = store.TxPeople.ReadChanges(0).Last().Sequence;

        store.Transact(tx =>
        {
            tx.TxPeople.Delete("p1");                      // soft delete: hidden in the transaction at once
            Assert.Null(tx.TxPeople.Get("p1"));
            Assert.Equal(0, tx.TxPeople.Count());
            tx.TxPeople.Put(new TxPerson("p2", "bob@x", 40));
            TxNote note = tx.TxNotes.Insert(new TxNote(0, "hello"));  // generated id, readable before the commit
            Assert.Equal("hello", tx.TxNotes.Get(note.Id)!.Text);
        });

        Assert.Null(store.TxPeople.Get("p1"));
        Assert.Equal("p2", store.TxPeople.ByEmail.Get("bob@x")!.Id);   // index entries written in the same commit
        Assert.Null(store.TxPeople.ByEmail.Get("ada@x"));
        Assert.Single(store.TxNotes.ScanAll());
        Assert.Equal(2, store.TxPeople.ReadChanges(since).Count());   // the change feed has both row changes

        store.Transact(tx => tx.TxPeople.Restore("p1"));
        Assert.Equal("ada@x", store.TxPeople.Get("p1")!.Email);
    }

    [Fact]
    public void A_unique_violation_is_found_at_commit_and_writes_nothing()
    {
        TxStore store = Open();
        using TxStoreTransaction tx = store.BeginTransaction();
        tx.TxPeople.Put(new TxPerson("p1", "same@x", 1));
        tx.TxAccounts.Put(new TxAccount("side", 1));
        store.TxPeople.Put(new TxPerson("p2", "same@x", 2));    // committed first, with the same unique value
        Assert.Throws<UniqueConstraintException>(tx.Commit);
        Assert.Null(store.TxPeople.Get("p1"));
        Assert.Null(store.TxAccounts.Get("side"));
        Assert.Equal("p2", store.TxPeople.ByEmail.Get("same@x")!.Id);
    }

    [Fact]
    public void Range_deletes_in_a_transaction_hide_rows_at_once_and_apply_at_commit()
    {
        TxStore store = Open();
        foreach (string id in new[] { "a", "b", "c", "d" })
        {
            store.TxAccounts.Put(new TxAccount(id, 1));
        }

        store.Transact(tx =>
        {
            tx.TxAccounts.Delete(tx.TxAccounts.Scan().From("b").Before("d"));
            Assert.Equal(["a", "d"], tx.TxAccounts.ScanAll().Select(a => a.Id));
            tx.TxAccounts.Put(new TxAccount("c", 2));
            Assert.Equal(["a", "c", "d"], tx.TxAccounts.ScanAll().Select(a => a.Id));
            Assert.Equal(["d", "c", "a"], tx.TxAccounts.ScanAll(reverse: true).Select(a => a.Id));
        });

        Assert.Equal(["a", "c", "d"], store.TxAccounts.ScanAll().Select(a => a.Id));
        Assert.Equal(2, store.TxAccounts.Get("c")!.Balance);
    }

    [Fact]
    public void A_range_delete_after_a_put_in_the_same_transaction_removes_the_put_row_at_commit()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("a", 1));
        store.Transact(tx =>
        {
            tx.TxAccounts.Put(new TxAccount("b", 2));          // not stored yet when the range delete is recorded
            tx.TxAccounts.Put(new TxAccount("e", 5));
            tx.TxAccounts.Delete(tx.TxAccounts.Scan().Before("d"));
            Assert.Equal(["e"], tx.TxAccounts.ScanAll().Select(a => a.Id));
        });

        Assert.Equal(["e"], store.TxAccounts.ScanAll().Select(a => a.Id));
    }

    [Fact]
    public void The_snapshot_is_taken_at_the_first_read_and_a_transaction_that_never_reads_commits_like_a_batch()
    {
        TxStore store = Open();
        using (TxStoreTransaction tx = store.BeginTransaction())
        {
            store.TxAccounts.Put(new TxAccount("a", 1));             // before the transaction's first read: seen
            Assert.Equal(1, tx.TxAccounts.Get("a")!.Balance);
            store.TxAccounts.Put(new TxAccount("a", 2));             // after it: not seen
            Assert.Equal(1, tx.TxAccounts.Get("a")!.Balance);
        }

        using (TxStoreTransaction tx = store.BeginTransaction())
        {
            tx.TxAccounts.Put(new TxAccount("b", 10));
            Assert.Equal(10, tx.TxAccounts.Get("b")!.Balance);       // its own write: no snapshot needed
            store.TxAccounts.Put(new TxAccount("b", 20));            // a blind write races it: nothing read, no conflict
            tx.Commit();
        }

        Assert.Equal(10, store.TxAccounts.Get("b")!.Balance);
    }

    [Fact]
    public void Pages_in_a_transaction_merge_its_writes()
    {
        TxStore store = Open();
        for (int i = 0; i < 10; i += 2)
        {
            store.TxAccounts.Put(new TxAccount("k" + i, i));
        }

        using TxStoreTransaction tx = store.BeginTransaction();
        for (int i = 1; i < 10; i += 2)
        {
            tx.TxAccounts.Put(new TxAccount("k" + i, i));
        }

        tx.TxAccounts.Delete("k4");
        List<string> seen = [];
        Page<TxAccount> page = tx.TxAccounts.Scan().Page(3);
        seen.AddRange(page.Rows.Select(a => a.Id));
        while (page.Next is { } next)
        {
            page = tx.TxAccounts.Scan().Page(3, next);
            seen.AddRange(page.Rows.Select(a => a.Id));
        }

        Assert.Equal(["k0", "k1", "k2", "k3", "k5", "k6", "k7", "k8", "k9"], seen);
    }

    [Fact]
    public void Misuse_is_refused_clearly()
    {
        TxStore store = Open();
        TxStoreTransaction tx = store.BeginTransaction();
        tx.TxAccounts.Put(new TxAccount("m", 1));
        tx.Commit();
        Assert.Throws<InvalidOperationException>(() => tx.TxAccounts.Put(new TxAccount("m", 2)));
        Assert.Throws<InvalidOperationException>(tx.Commit);
        tx.Dispose();
        Assert.Throws<ObjectDisposedException>(() => tx.TxAccounts.Get("m"));

        InvalidOperationException nested = Assert.Throws<InvalidOperationException>(() => store.Transact(_ => store.Transact(_ => { })));
        Assert.Contains("already running", nested.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => store.Transact(_ => store.TxAccounts.TryAdd(new TxAccount("q", 1))));
        Assert.Throws<ArgumentException>(() => store.TxAccounts.Update("m", a => a with { Id = "other" }));
        Assert.Null(store.TxAccounts.Update("absent", a => a));

        TxStoreTransaction open = store.BeginTransaction();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => open.TxAccounts.Get("m"));
        open.Dispose();
    }
}

/// <summary>The transaction suite on the in-memory engine.</summary>
public sealed class MemoryTransactionTests : TransactionTests
{
    internal override TxStore Open(StoreOptions? options = null) => Track(TxStore.OpenInMemory(options));
}

/// <summary>The transaction suite on RocksDB.</summary>
public sealed class RocksDbTransactionTests : TransactionTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-tx-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbTransactionTests() => Directory.CreateDirectory(_root);

    internal override TxStore Open(StoreOptions? options = null)
        => Track(TxStore.Open(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
