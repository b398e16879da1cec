using TypedStore.Tests.Reliability;

namespace TypedStore.Tests.Indexes;

/// <summary>Writers racing on one unique value, and on one key with changing indexed values.</summary>
public abstract partial class IndexTests
{
    [Fact]
    public void RacingWriters_OnOneUniqueValue_ExactlyOneWinsPerValue()
    {
        IndexStore store = OpenStore();
        int threads = Math.Max(4, Environment.ProcessorCount * 2);
        int values = ReliabilitySettings.Scale(40, 400);
        int[] wins = new int[values];
        int refused = 0;
        using Barrier start = new(threads);
        Thread[] workers = new Thread[threads];
        Exception? unexpected = null;
        for (int t = 0; t < threads; t++)
        {
            int thread = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int v = 0; v < values; v++)
                {
                    try
                    {
                        // Each thread its own key, all threads the same slug: the slug may be held by one row only.
                        store.Issues.Put(new Issue("t" + thread, v, "slug-" + v, "w" + thread, IssueStatus.Open, ""));
                        Interlocked.Increment(ref wins[v]);
                    }
                    catch (UniqueConstraintException)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    catch (Exception ex)
                    {
                        unexpected = ex;
                    }
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        Assert.Null(unexpected);
        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Equal((threads * values) - values, refused);
        Assert.Equal(values, store.Issues.Count());
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void RacingWriters_OnOneKey_WithChangingIndexedValues_LeaveNoStaleEntry()
    {
        IndexStore store = OpenStore();
        int threads = Math.Max(4, Environment.ProcessorCount * 2);
        int writes = ReliabilitySettings.Scale(100, 2000);
        using Barrier start = new(threads);
        Thread[] workers = new Thread[threads];
        Exception? unexpected = null;
        for (int t = 0; t < threads; t++)
        {
            int thread = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < writes && unexpected is null; i++)
                {
                    try
                    {
                        // One key; each write its own slug and assignee, and every few writes a delete or an account write.
                        store.Issues.Put(new Issue("p", 1, $"s-{thread}-{i}", $"a{thread}-{i % 3}", (IssueStatus)(i % 2), ""));
                        store.Accounts.Put(new Account("shared", $"e{thread}-{i}", i % 4));
                        if (i % 7 == 0)
                        {
                            store.Accounts.Delete("shared");
                        }
                    }
                    catch (Exception ex)
                    {
                        unexpected = ex;
                    }
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        Assert.Null(unexpected);
        Assert.Equal(1, store.Issues.Count());
        Assert.Equal(1, store.Issues.BySlug.Count());
        Assert.Equal(1, store.Issues.ByAssignee.Count());
        Assert.True(store.Accounts.ByEmail.Count() <= 1);
        IndexOracle.AssertConsistent(store);
    }
}
