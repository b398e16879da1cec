using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle;

public abstract partial class LifecycleTests
{
    /// <summary>
    /// Threads race Put and Delete on the same keys, in short rounds; between rounds, with every thread waiting, each
    /// key is checked. Each write is one atomic engine write, so a key's state is the effect of the last write in
    /// commit order, and that write is the last operation on the key of the thread that made it (a thread's own
    /// writes commit in its order). Precisely, for every key k at every check:
    /// <list type="number">
    /// <item>live: the row is the one a Put(k) wrote that is the last operation on k of its thread;</item>
    /// <item>deleted: some thread's last operation on k is a Delete, and the row kept under the marker was written
    /// by the last Put(k) in commit order, which is the last Put(k) of its thread. A read-modify-write delete (read
    /// the row, write it back flagged) racing a Put puts an older row back under the flag: it fails here;</item>
    /// <item>Restore(k) brings back exactly that kept row (the check then deletes it again, leaving the state valid).</item>
    /// </list>
    /// </summary>
    [Fact]
    public void SoftDelete_RacingPutAndDelete_EndsInOneOfTheTwoStates_NeverAMix()
    {
        const int Threads = 4;
        const int Keys = 2;
        const int Rounds = 400;
        const int OperationsPerRound = 3;
        LifecycleStore store = Open();
        var lastOperation = new string?[Threads, Keys];   // "put:<body>" or "delete"
        var lastPut = new string?[Threads, Keys];
        using var round = new Barrier(Threads, _ => CheckEveryKey());

        RunThreads(Threads, thread =>
        {
            var random = new Random(1000 + thread);
            for (int r = 0; r < Rounds; r++)
            {
                for (int op = 0; op < OperationsPerRound; op++)
                {
                    int key = random.Next(Keys);
                    if (random.Next(2) == 0)
                    {
                        string body = $"t{thread}-r{r}-op{op}";
                        store.Drafts.Put(new Draft(KeyName(key), body, op));
                        lastOperation[thread, key] = "put:" + body;
                        lastPut[thread, key] = body;
                    }
                    else
                    {
                        store.Drafts.Delete(KeyName(key));
                        lastOperation[thread, key] = "delete";
                    }
                }

                round.SignalAndWait();
            }
        });

        void CheckEveryKey()
        {
            for (int key = 0; key < Keys; key++)
            {
                var finalOperations = Enumerable.Range(0, Threads).Select(t => lastOperation[t, key]).Where(o => o is not null).ToHashSet();
                var finalPuts = Enumerable.Range(0, Threads).Select(t => lastPut[t, key]).Where(p => p is not null).ToHashSet();
                Draft? live = store.Drafts.Get(KeyName(key));
                if (live is not null)
                {
                    Assert.Contains("put:" + live.Body, finalOperations);
                    Assert.False(store.Drafts.GetEntry(KeyName(key))!.Value.IsDeleted);
                    continue;
                }

                TableEntry<Draft>? entry = store.Drafts.GetEntry(KeyName(key));
                if (entry is null)
                {
                    Assert.Empty(finalPuts); // only before any thread put this key
                    continue;
                }

                Assert.Contains("delete", finalOperations);
                Assert.True(entry.Value.IsDeleted);
                Assert.Contains(entry.Value.Row.Body, finalPuts);
                store.Drafts.Restore(KeyName(key));
                Assert.Equal(entry.Value.Row, store.Drafts.Get(KeyName(key)));
                store.Drafts.Delete(KeyName(key));
            }
        }

        static string KeyName(int key) => "k" + key;
    }

    /// <summary>
    /// PurgeDeleted decides from what it read (a marker older than the cut-off) and then removes the row. Owners keep
    /// writing their own keys meanwhile, and check before every operation that a row they left live is still there,
    /// exactly as written: a purge must never remove a row put or restored after it read the marker. After a
    /// Restore the row is either the owner's last put (restored) or gone (purged before the restore).
    /// </summary>
    [Fact]
    public void PurgeDeleted_RacingWriters_NeverRemovesARowWrittenOrRestoredAfterIt()
    {
        const int Owners = 3;
        const int KeysPerOwner = 8;
        const int OperationsPerOwner = 3_000;
        LifecycleStore store = Open();
        int ownersRunning = Owners;
        using var start = new Barrier(Owners + 1);

        RunThreads(Owners + 1, thread =>
        {
            start.SignalAndWait();
            if (thread == Owners)
            {
                // The purger: collect everything deleted, over and over, while the owners write.
                while (Volatile.Read(ref ownersRunning) > 0)
                {
                    store.Drafts.PurgeDeleted(DateTimeOffset.MaxValue);
                }

                return;
            }

            try
            {
                Own(thread);
            }
            finally
            {
                Interlocked.Decrement(ref ownersRunning);
            }
        });

        void Own(int owner)
        {
            var random = new Random(2000 + owner);
            var live = new string?[KeysPerOwner];      // the body of a row this owner left live, else null
            var lastPut = new string?[KeysPerOwner];
            for (int op = 0; op < OperationsPerOwner; op++)
            {
                int key = random.Next(KeysPerOwner);
                string id = $"o{owner}-k{key}";
                if (live[key] is { } expected)
                {
                    Assert.Equal(expected, store.Drafts.Get(id)?.Body);
                }

                switch (random.Next(3))
                {
                    case 0:
                        string body = $"op{op}";
                        store.Drafts.Put(new Draft(id, body, op));
                        live[key] = lastPut[key] = body;
                        break;
                    case 1:
                        store.Drafts.Delete(id);
                        live[key] = null;
                        break;
                    default:
                        store.Drafts.Restore(id);
                        string? restored = store.Drafts.Get(id)?.Body;
                        Assert.True(restored is null || restored == lastPut[key], $"restored {restored}, last put {lastPut[key]}");
                        live[key] = restored;
                        break;
                }
            }

            for (int key = 0; key < KeysPerOwner; key++)
            {
                if (live[key] is { } expected)
                {
                    Assert.Equal(expected, store.Drafts.Get($"o{owner}-k{key}")?.Body);
                }
            }
        }
    }

    private static void RunThreads(int count, Action<int> body)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                body(i);
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty)
        {
            throw new AggregateException(errors);
        }
    }
}
