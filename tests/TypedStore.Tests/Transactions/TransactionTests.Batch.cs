namespace TypedStore.Tests.Transactions;

/// <summary>
/// Conditional writes in a batch (docs/transactions.md, "Conditional writes in a batch"): <c>batch.T.TryAdd</c> and
/// <c>batch.T.Update</c> are decided at <c>Commit</c>, atomically with the batch's other writes and against every other
/// writer (races with the store's and a transaction's <c>TryAdd</c> have exactly one winner, concurrent batch updates
/// lose no increment), see the batch's unconditional writes, and have no outcome until the batch committed.
/// </summary>
public abstract partial class TransactionTests
{
    [Fact]
    public void Batch_conditional_writes_are_decided_at_commit_and_readable_after_it()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("a", 1));
        using TxStoreBatch batch = store.CreateBatch();
        ConditionalAdd addExisting = batch.TxAccounts.TryAdd(new TxAccount("a", 5));
        ConditionalAdd addNew = batch.TxAccounts.TryAdd(new TxAccount("b", 2));
        ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("a", x => x with { Balance = x.Balance + 10 });
        ConditionalUpdate<TxAccount> updateAbsent = batch.TxAccounts.Update("zz", x => x with { Balance = 99 });
        batch.TxAccounts.Put(new TxAccount("c", 3));

        Assert.False(addNew.IsDecided);
        InvalidOperationException early = Assert.Throws<InvalidOperationException>(() => addNew.Added);
        Assert.Contains("tx_accounts", early.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => update.Row);
        Assert.Null(store.TxAccounts.Get("b"));                       // nothing reaches the store before Commit

        batch.Commit();
        Assert.False(addExisting.Added);
        Assert.True(addNew.Added);
        Assert.True(update.Updated);
        Assert.Equal(11, update.Row!.Balance);
        Assert.False(updateAbsent.Updated);
        Assert.Null(updateAbsent.Row);
        Assert.Equal([("a", 11L), ("b", 2L), ("c", 3L)], store.TxAccounts.ScanAll().Select(x => (x.Id, x.Balance)));
        Assert.Throws<InvalidOperationException>(() => batch.TxAccounts.TryAdd(new TxAccount("d", 1)));
    }

    [Fact]
    public async Task Batch_conditional_writes_are_decided_by_CommitAsync_too()
    {
        TxStore store = Open();
        store.TxAccounts.Put(new TxAccount("a", 1));
        using TxStoreBatch batch = store.CreateBatch();
        ConditionalAdd addExisting = batch.TxAccounts.TryAdd(new TxAccount("a", 5));
        ConditionalAdd addNew = batch.TxAccounts.TryAdd(new TxAccount("b", 2));
        ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("a", x => x with { Balance = x.Balance + 10 });
        batch.TxAccounts.Put(new TxAccount("c", 3));

        await batch.CommitAsync();
        Assert.False(addExisting.Added);
        Assert.True(addNew.Added);
        Assert.Equal(11, update.Row!.Balance);
        Assert.Equal([("a", 11L), ("b", 2L), ("c", 3L)], store.TxAccounts.ScanAll().Select(x => (x.Id, x.Balance)));
    }

    [Fact]
    public async Task A_cancelled_CommitAsync_of_a_conditional_batch_writes_nothing_and_decides_nothing()
    {
        TxStore store = Open();
        using TxStoreBatch batch = store.CreateBatch();
        ConditionalAdd add = batch.TxAccounts.TryAdd(new TxAccount("b", 2));
        batch.TxAccounts.Put(new TxAccount("c", 3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await batch.CommitAsync(new CancellationToken(canceled: true)));
        Assert.False(add.IsDecided);
        Assert.Empty(store.TxAccounts.ScanAll());

        await batch.CommitAsync();
        Assert.True(add.Added);
        Assert.Equal(2, store.TxAccounts.ScanAll().Count());
    }

    [Fact]
    public void Batch_conditions_see_the_batchs_unconditional_writes_and_earlier_conditional_ones()
    {
        TxStore store = Open();
        using TxStoreBatch batch = store.CreateBatch();
        batch.TxAccounts.Put(new TxAccount("x", 1));
        ConditionalAdd addX = batch.TxAccounts.TryAdd(new TxAccount("x", 2));          // x is the batch's own row
        ConditionalUpdate<TxAccount> bumpX = batch.TxAccounts.Update("x", x => x with { Balance = x.Balance + 1 });
        ConditionalAdd addY = batch.TxAccounts.TryAdd(new TxAccount("y", 1));
        batch.TxAccounts.Put(new TxAccount("y", 9));                                   // unconditional: decided before addY
        ConditionalAdd addZ = batch.TxAccounts.TryAdd(new TxAccount("z", 1));
        ConditionalAdd addZAgain = batch.TxAccounts.TryAdd(new TxAccount("z", 2));     // sees the earlier conditional add
        batch.Commit();

        Assert.False(addX.Added);
        Assert.Equal(2, bumpX.Row!.Balance);
        Assert.False(addY.Added);
        Assert.True(addZ.Added);
        Assert.False(addZAgain.Added);
        Assert.Equal([("x", 2L), ("y", 9L), ("z", 1L)], store.TxAccounts.ScanAll().Select(x => (x.Id, x.Balance)));
    }

    [Fact]
    public void TryAdd_races_across_the_store_a_transaction_and_a_batch_have_exactly_one_winner()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        for (int round = 0; round < 40; round++)
        {
            string key = "r" + round;
            bool[] won = new bool[3];
            using Barrier start = new(3);
            Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, way =>
            {
                start.SignalAndWait();
                TxAccount row = new(key, way);
                switch (way)
                {
                    case 0:
                        won[0] = store.TxAccounts.TryAdd(row);
                        break;
                    case 1:
                        won[1] = store.Transact(tx => tx.TxAccounts.TryAdd(row));
                        break;
                    default:
                        using (TxStoreBatch batch = store.CreateBatch())
                        {
                            ConditionalAdd add = batch.TxAccounts.TryAdd(row);
                            batch.TxAccounts.Put(new TxAccount($"side-{round}", 1));   // committed with it, won or not
                            batch.Commit();
                            won[2] = add.Added;
                        }

                        break;
                }
            });

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal(Array.IndexOf(won, true), store.TxAccounts.Get(key)!.Balance);
            Assert.NotNull(store.TxAccounts.Get($"side-{round}"));
        }
    }

    [Fact]
    public void Concurrent_batch_updates_lose_no_increment()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        store.TxAccounts.Put(new TxAccount("n", 0));
        const int threads = 4;
        const int increments = 100;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < increments; i++)
            {
                using TxStoreBatch batch = store.CreateBatch();
                ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("n", x => x with { Balance = x.Balance + 1 });
                batch.TxAccounts.Put(new TxAccount($"log-{t}-{i}", 1));
                batch.Commit();
                Assert.True(update.Updated);
            }
        });

        Assert.Equal(threads * increments, store.TxAccounts.Get("n")!.Balance);
        Assert.Equal(threads * increments + 1, store.TxAccounts.Count());
    }

    [Fact]
    public void A_batch_with_a_conditional_write_is_all_or_nothing()
    {
        TxStore store = Open();
        store.TxPeople.Put(new TxPerson("p0", "taken@x", 1));

        // A unique violation among the batch's other writes: nothing is written, the conditional write has no outcome.
        using (TxStoreBatch batch = store.CreateBatch())
        {
            ConditionalAdd add = batch.TxAccounts.TryAdd(new TxAccount("k", 1));
            batch.TxPeople.Put(new TxPerson("p1", "taken@x", 2));
            Assert.Throws<UniqueConstraintException>(batch.Commit);
            Assert.False(add.IsDecided);
            Assert.Null(store.TxAccounts.Get("k"));
            Assert.Null(store.TxPeople.Get("p1"));
        }

        // A change that throws at commit: the exception comes out of Commit, nothing is written.
        store.TxAccounts.Put(new TxAccount("u", 1));
        using (TxStoreBatch batch = store.CreateBatch())
        {
            batch.TxAccounts.Put(new TxAccount("v", 1));
            ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("u", _ => throw new InvalidDataException("no"));
            Assert.Throws<InvalidDataException>(batch.Commit);
            Assert.False(update.IsDecided);
            Assert.Null(store.TxAccounts.Get("v"));
            Assert.Equal(1, store.TxAccounts.Get("u")!.Balance);
        }

        // Bad input is refused when recorded, and the batch stays as it was.
        using (TxStoreBatch batch = store.CreateBatch())
        {
            batch.TxAccounts.Put(new TxAccount("w", 1));
            Assert.Throws<ArgumentNullException>(() => batch.TxAccounts.TryAdd(null!));
            Assert.Throws<ArgumentException>(() => batch.TxAccounts.TryAdd(new TxAccount(new string('k', 70_000), 1)));
            Assert.Throws<ArgumentException>(() => batch.TxAccounts.Update(new string('k', 70_000), x => x));
            Assert.Throws<ArgumentNullException>(() => batch.TxAccounts.Update("w", null!));
            batch.Commit();
            Assert.Equal(["u", "w"], store.TxAccounts.ScanAll().Where(x => x.Id is "u" or "w").Select(x => x.Id));
        }
    }

    [Fact]
    public void A_batch_conditional_write_is_retried_on_conflict_then_reported()
    {
        TxStore store = Open(new StoreOptions { MaxTransactionAttempts = 3 });
        store.TxAccounts.Put(new TxAccount("h", 0));
        int runs = 0;
        using (TxStoreBatch batch = store.CreateBatch())
        {
            ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("h", x =>
            {
                if (++runs == 1)
                {
                    store.TxAccounts.Put(x with { Balance = 100 });   // another writer, after the snapshot
                }

                return x with { Balance = x.Balance + 1 };
            });
            batch.Commit();
            Assert.Equal(2, runs);
            Assert.Equal(101, update.Row!.Balance);
        }

        runs = 0;
        using (TxStoreBatch batch = store.CreateBatch())
        {
            batch.TxAccounts.Put(new TxAccount("other", 1));
            ConditionalUpdate<TxAccount> update = batch.TxAccounts.Update("h", x =>
            {
                runs++;
                store.TxAccounts.Put(x with { Balance = x.Balance + 1000 });   // every attempt
                return x with { Balance = -1 };
            });
            TransactionConflictException conflict = Assert.Throws<TransactionConflictException>(batch.Commit);
            Assert.Equal(3, conflict.Attempts);
            Assert.Equal(3, runs);
            Assert.False(update.IsDecided);
            Assert.Null(store.TxAccounts.Get("other"));
            Assert.Equal(3101, store.TxAccounts.Get("h")!.Balance);
        }
    }
}
