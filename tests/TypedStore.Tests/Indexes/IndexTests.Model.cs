using TypedStore.Tests.Reliability;
using Xunit.Abstractions;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// The model-based test: seeded random steps over every write path of the indexed tables (puts that change indexed
/// values, deletes, soft deletes, restores, purges, DeleteUser, Insert, batches with refused members, reopening on
/// RocksDB); after every step every index equals its recomputation from the rows (<see cref="IndexOracle"/>), and a
/// single write is refused for uniqueness exactly when another live row holds the value.
/// </summary>
public abstract partial class IndexTests
{
    private static readonly string[] ModelUsers = ["u1", "u10", "", "u1\0x", "\u00ff"];
    private static readonly string?[] ModelEmails = ["a@x", "b@x", "c@x", null];
    private static readonly string[] ModelPhones = ["1", "2", "3"];
    private static readonly string?[] ModelNames = ["ann", "bob", null];

    [Fact]
    public void Model_EveryIndexEqualsItsRecomputation_AfterEveryStep()
    {
        int seed = ReliabilitySettings.Seed(1212);
        int steps = ReliabilitySettings.Scale(1500, 20_000);
        Random random = new(seed);
        IndexStore store = OpenStore();
        int refusedSingles = 0;
        int refusedBatches = 0;
        int reopens = 0;
        for (int step = 0; step < steps; step++)
        {
            string at = $"seed {seed}, step {step}:";
            int choice = random.Next(100);
            if (choice < 2 && Persists)
            {
                store = Reopen(store);
                reopens++;
            }
            else if (choice < 30)
            {
                var account = new Account("a" + random.Next(6), Pick(random, ModelEmails), random.Next(3) == 0 ? null : random.Next(3));
                bool taken = account.Email is not null && store.Accounts.ScanAll().Any(a => a.Email == account.Email && a.Id != account.Id);
                bool refused = Refused(() => store.Accounts.Put(account));
                Assert.True(taken == refused, $"{at} Put {account}: taken {taken}, refused {refused}");
                refusedSingles += refused ? 1 : 0;
            }
            else if (choice < 38)
            {
                string id = "a" + random.Next(6);
                switch (random.Next(4))
                {
                    case 0:
                        store.Accounts.Delete(id);
                        break;
                    case 1:
                        refusedSingles += Refused(() => store.Accounts.Restore(id)) ? 1 : 0;
                        break;
                    case 2:
                        store.Accounts.Purge(id);
                        break;
                    default:
                        store.Accounts.PurgeDeleted(DateTimeOffset.MaxValue);
                        break;
                }
            }
            else if (choice < 60)
            {
                var contact = new Contact(Pick(random, ModelUsers), random.Next(5), Pick(random, ModelPhones), Pick(random, ModelNames));
                bool taken = store.Contacts.ScanUser(contact.UserId).Any(c => c.Phone == contact.Phone && c.ContactId != contact.ContactId);
                bool refused = Refused(() => store.Contacts.Put(contact));
                Assert.True(taken == refused, $"{at} Put {contact}: taken {taken}, refused {refused}");
                refusedSingles += refused ? 1 : 0;
            }
            else if (choice < 66)
            {
                string user = Pick(random, ModelUsers);
                switch (random.Next(4))
                {
                    case 0:
                        store.Contacts.DeleteUser(user);
                        break;
                    case 1:
                        store.Contacts.Delete(user, random.Next(5));
                        break;
                    case 2:
                        refusedSingles += Refused(() => store.Contacts.Restore(user, random.Next(5))) ? 1 : 0;
                        break;
                    default:
                        store.Contacts.Purge(user, random.Next(5));
                        break;
                }
            }
            else if (choice < 82)
            {
                var issue = new Issue("p" + random.Next(2), random.Next(5), "s" + random.Next(5), Pick(random, ModelNames), (IssueStatus)random.Next(2), "");
                bool taken = store.Issues.ScanAll().Any(i => i.Slug == issue.Slug && (i.ProjectId, i.Number) != (issue.ProjectId, issue.Number));
                bool refused = Refused(() => store.Issues.Put(issue));
                Assert.True(taken == refused, $"{at} Put {issue}: taken {taken}, refused {refused}");
                refusedSingles += refused ? 1 : 0;
                if (random.Next(4) == 0)
                {
                    store.Issues.Delete("p" + random.Next(2), random.Next(5));
                }
            }
            else if (choice < 85)
            {
                store.Tasks.Insert(new TaskItem(0, Pick(random, ModelNames) ?? "nobody", random.Next(3)));
            }
            else
            {
                refusedBatches += RandomBatch(store, random) ? 1 : 0;
            }

            IndexOracle.AssertConsistent(store, at);
        }

        Output?.WriteLine($"{GetType().Name}: {steps} steps (seed {seed}), {refusedSingles} single writes and {refusedBatches} batches refused for uniqueness, {reopens} reopens");
    }

    /// <summary>Where the model test reports its step counts (set by the derived class when xunit gives one).</summary>
    protected ITestOutputHelper? Output { get; set; }

    // A batch of a few members over every table, some refused as they are recorded (a null key part: the member is
    // taken back and the batch goes on). A batch refused at commit for uniqueness must leave every table as it was.
    private static bool RandomBatch(IndexStore store, Random random)
    {
        List<Account> accountsBefore = [.. store.Accounts.ScanAll()];
        List<Contact> contactsBefore = [.. store.Contacts.ScanAll()];
        List<Issue> issuesBefore = [.. store.Issues.ScanAll()];
        using IndexStoreBatch batch = store.CreateBatch();
        int members = random.Next(1, 6);
        for (int i = 0; i < members; i++)
        {
            switch (random.Next(7))
            {
                case 0:
                    batch.Accounts.Put(new Account("a" + random.Next(6), Pick(random, ModelEmails), random.Next(3)));
                    break;
                case 1:
                    batch.Accounts.Delete("a" + random.Next(6));
                    break;
                case 2:
                    batch.Accounts.Restore("a" + random.Next(6));
                    break;
                case 3:
                    batch.Contacts.Put(new Contact(Pick(random, ModelUsers), random.Next(5), Pick(random, ModelPhones), Pick(random, ModelNames)));
                    break;
                case 4:
                    {
                        // A user deleted, then some of its rows written back as they were (their entries must come back).
                        string user = Pick(random, ModelUsers);
                        List<Contact> rows = [.. store.Contacts.ScanUser(user)];
                        batch.Contacts.DeleteUser(user);
                        foreach (Contact row in rows.Where(_ => random.Next(2) == 0))
                        {
                            batch.Contacts.Put(row);
                        }

                        break;
                    }
                case 5:
                    batch.Issues.Put(new Issue("p" + random.Next(2), random.Next(5), "s" + random.Next(5), Pick(random, ModelNames), IssueStatus.Open, ""));
                    break;
                default:
                    Assert.ThrowsAny<ArgumentException>(() => batch.Issues.Put(new Issue(null!, 1, "refused", null, IssueStatus.Open, "")));
                    break;
            }
        }

        if (!Refused(batch.Commit))
        {
            return false;
        }

        Assert.Equal(accountsBefore, store.Accounts.ScanAll());
        Assert.Equal(contactsBefore, store.Contacts.ScanAll());
        Assert.Equal(issuesBefore, store.Issues.ScanAll());
        return true;
    }

    private static bool Refused(Action write)
    {
        try
        {
            write();
            return false;
        }
        catch (UniqueConstraintException)
        {
            return true;
        }
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
