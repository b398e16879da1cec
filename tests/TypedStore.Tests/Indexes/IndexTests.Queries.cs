using TypedStore.Runtime.Contexts;
using TypedStore.Tests.Reliability;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// Index queries (docs/indexes.md, "Queries"): <c>ByX.Scan(...)</c> is a §11 query over the index, rows in index order
/// (the parts, nulls first, then the primary key). A seeded randomized test compares every read of random queries
/// (bounds, depth, direction, page sizes) with a LINQ reference computed from the rows; tokens are bound to the index
/// and its range; an index query of a User table never leaves its user.
/// </summary>
public abstract partial class IndexTests
{
    private static readonly string?[] QueryAssignees = [null, "a", "ab", "b", "dee", "dee\0", ""];
    private static readonly string[] QueryProjects = ["core", "web", "c"];

    [Fact]
    public void IndexQueries_EqualTheLinqReference_OverRandomRowsBoundsAndPages()
    {
        int seed = ReliabilitySettings.Seed(1213);
        int steps = ReliabilitySettings.Scale(600, 6_000);
        Random random = new(seed);
        IndexStore store = OpenStore();
        Dictionary<(string, int), Issue> issues = [];
        Dictionary<string, Account> accounts = [];
        int queries = 0;
        int nonEmpty = 0;
        for (int step = 0; step < steps; step++)
        {
            string at = $"seed {seed}, step {step}:";
            int choice = random.Next(100);
            if (choice < 35)
            {
                string project = Pick(random, QueryProjects);
                int number = random.Next(-4, 12);
                string slug = $"{(char)('a' + random.Next(4))}{(char)('a' + random.Next(4))}-{project}-{number}";
                Issue issue = new(project, number, slug, Pick(random, QueryAssignees), (IssueStatus)random.Next(2), "t" + step);
                store.Issues.Put(issue);
                issues[(project, number)] = issue;
            }
            else if (choice < 42)
            {
                (string, int) key = (Pick(random, QueryProjects), random.Next(-4, 12));
                store.Issues.Delete(key.Item1, key.Item2);
                issues.Remove(key);
            }
            else if (choice < 55)
            {
                // Unique emails per id (so no put is refused); a soft delete removes the row from every index query.
                string id = "a" + random.Next(8);
                if (random.Next(4) == 0)
                {
                    store.Accounts.Delete(id);
                    accounts.Remove(id);
                }
                else
                {
                    Account account = new(id, random.Next(3) == 0 ? null : id + "@x", random.Next(3) == 0 ? null : random.Next(-2, 3));
                    store.Accounts.Put(account);
                    accounts[id] = account;
                }
            }
            else if (choice < 57 && Persists)
            {
                store = Reopen(store);
            }
            else
            {
                queries++;
                int found = random.Next(3) switch
                {
                    0 => CheckAssigneeQuery(store, issues.Values, random, at),
                    1 => CheckSlugQuery(store, issues.Values, random, at),
                    _ => CheckScoreQuery(store, accounts.Values, random, at),
                };
                nonEmpty += found > 0 ? 1 : 0;
            }
        }

        Output?.WriteLine($"{GetType().Name}: {steps} steps (seed {seed}), {queries} random index queries ({nonEmpty} with rows) each checked for rows, Count, Any, First, Last and pages");
    }

    private static int CheckAssigneeQuery(IndexStore store, IEnumerable<Issue> rows, Random random, string at)
    {
        static object?[] Parts(Issue i) => [i.Assignee, i.Status, i.ProjectId, i.Number];
        int depth = random.Next(3);
        string? assignee = Pick(random, QueryAssignees);
        IssueStatus status = (IssueStatus)random.Next(2);
        object?[] prefix = depth == 0 ? [] : depth == 1 ? [assignee] : [assignee, status];
        Bound lower = RandomBound(random, lower: true, 2 - depth);
        Bound upper = RandomBound(random, lower: false, 2 - depth);
        lower.Values = [Pick(random, QueryAssignees), (IssueStatus)random.Next(2)];
        upper.Values = [Pick(random, QueryAssignees), (IssueStatus)random.Next(2)];
        if (depth == 1)
        {
            lower.Values = [lower.Values[1]];
            upper.Values = [upper.Values[1]];
        }

        bool reverse = random.Next(2) == 0;
        List<Issue> expected = Reference(rows, Parts, prefix, lower, upper, reverse);
        string what = $"{at} ByAssignee depth {depth} {string.Join(",", prefix)} {lower} {upper} reverse {reverse}";
        switch (depth)
        {
            case 0:
            {
                var query = store.Issues.ByAssignee.Scan();
                ApplyBound(lower, () => query.From((string?)lower.Values[0]), () => query.After((string?)lower.Values[0]),
                    () => query.From((string?)lower.Values[0], (IssueStatus)lower.Values[1]!), () => query.After((string?)lower.Values[0], (IssueStatus)lower.Values[1]!));
                ApplyBound(upper, () => query.To((string?)upper.Values[0]), () => query.Before((string?)upper.Values[0]),
                    () => query.To((string?)upper.Values[0], (IssueStatus)upper.Values[1]!), () => query.Before((string?)upper.Values[0], (IssueStatus)upper.Values[1]!));
                CheckQuery(reverse ? query.Reverse() : query, expected, random, what);
                break;
            }

            case 1:
            {
                var query = store.Issues.ByAssignee.Scan(assignee);
                ApplyBound(lower, () => query.From((IssueStatus)lower.Values[0]!), () => query.After((IssueStatus)lower.Values[0]!), null, null);
                ApplyBound(upper, () => query.To((IssueStatus)upper.Values[0]!), () => query.Before((IssueStatus)upper.Values[0]!), null, null);
                CheckQuery(reverse ? query.Reverse() : query, expected, random, what);
                break;
            }

            default:
            {
                var query = store.Issues.ByAssignee.Scan(assignee, status);
                CheckQuery(reverse ? query.Reverse() : query, expected, random, what);
                Assert.True(expected.Count == store.Issues.ByAssignee.Count(assignee, status), what);
                break;
            }
        }

        return expected.Count;
    }

    private static int CheckSlugQuery(IndexStore store, IEnumerable<Issue> rows, Random random, string at)
    {
        static object?[] Parts(Issue i) => [i.Slug, i.ProjectId, i.Number];
        Issue[] all = rows.ToArray();
        string RandomSlug() => all.Length > 0 && random.Next(2) == 0 ? all[random.Next(all.Length)].Slug : $"{(char)('a' + random.Next(5))}{(char)('a' + random.Next(4))}";
        bool reverse = random.Next(2) == 0;
        if (random.Next(4) == 0)
        {
            string slug = RandomSlug();
            List<Issue> one = Reference(rows, Parts, [slug], Bound.None, Bound.None, reverse);
            var query = store.Issues.BySlug.Scan(slug);
            CheckQuery(reverse ? query.Reverse() : query, one, random, $"{at} BySlug {slug}");
            Assert.Equal(one.SingleOrDefault(), store.Issues.BySlug.Get(slug));
            return one.Count;
        }

        Bound lower = RandomBound(random, lower: true, 1);
        Bound upper = RandomBound(random, lower: false, 1);
        lower.Values = [RandomSlug()];
        upper.Values = [RandomSlug()];
        List<Issue> expected = Reference(rows, Parts, [], lower, upper, reverse);
        var scan = store.Issues.BySlug.Scan();
        ApplyBound(lower, () => scan.From((string)lower.Values[0]!), () => scan.After((string)lower.Values[0]!), null, null);
        ApplyBound(upper, () => scan.To((string)upper.Values[0]!), () => scan.Before((string)upper.Values[0]!), null, null);
        CheckQuery(reverse ? scan.Reverse() : scan, expected, random, $"{at} BySlug {lower} {upper} reverse {reverse}");
        return expected.Count;
    }

    private static int CheckScoreQuery(IndexStore store, IEnumerable<Account> rows, Random random, string at)
    {
        static object?[] Parts(Account a) => [a.Score, a.Id];
        int? RandomScore() => random.Next(4) == 0 ? null : random.Next(-3, 4);
        bool reverse = random.Next(2) == 0;
        if (random.Next(4) == 0)
        {
            int? score = RandomScore();
            List<Account> equal = Reference(rows, Parts, [score], Bound.None, Bound.None, reverse);
            var query = store.Accounts.ByScore.Scan(score);
            CheckQuery(reverse ? query.Reverse() : query, equal, random, $"{at} ByScore {score?.ToString() ?? "null"}");
            return equal.Count;
        }

        Bound lower = RandomBound(random, lower: true, 1);
        Bound upper = RandomBound(random, lower: false, 1);
        lower.Values = [RandomScore()];
        upper.Values = [RandomScore()];
        List<Account> expected = Reference(rows, Parts, [], lower, upper, reverse);
        var scan = store.Accounts.ByScore.Scan();
        ApplyBound(lower, () => scan.From((int?)lower.Values[0]), () => scan.After((int?)lower.Values[0]), null, null);
        ApplyBound(upper, () => scan.To((int?)upper.Values[0]), () => scan.Before((int?)upper.Values[0]), null, null);
        CheckQuery(reverse ? scan.Reverse() : scan, expected, random, $"{at} ByScore {lower} {upper} reverse {reverse}");
        return expected.Count;
    }

    /// <summary>Every read of <paramref name="query"/> against the reference rows, in the query's order.</summary>
    private static void CheckQuery<TRow, TContext>(TableQuery<TRow, TContext> query, List<TRow> expected, Random random, string what)
        where TContext : struct, IReadContext
    {
        Assert.True(expected.SequenceEqual(query), $"{what}: rows [{string.Join("; ", query)}], expected [{string.Join("; ", expected)}]");
        Assert.True(expected.Count == query.Count(), $"{what}: Count {query.Count()}, expected {expected.Count}");
        Assert.True((expected.Count > 0) == query.Any(), what);
        Assert.Equal(expected.FirstOrDefault(), query.First());
        Assert.Equal(expected.LastOrDefault(), query.Last());
        Assert.Equal(expected.Count > 0, query.TryLast(out TRow? last));
        Assert.Equal(expected.LastOrDefault(), last);

        int size = random.Next(1, 5);
        List<TRow> paged = [];
        string? token = null;
        int pages = 0;
        do
        {
            Page<TRow> page = query.Page(size, token);
            Assert.True(page.Rows.Count <= size, what);
            paged.AddRange(page.Rows);
            token = page.Next;
            Assert.True(++pages <= expected.Count + 1, $"{what}: too many pages");
        }
        while (token is not null);

        Assert.True(expected.SequenceEqual(paged), $"{what}: pages of {size} [{string.Join("; ", paged)}]");
    }

    /// <summary>The rows under the prefix and within the bounds, in index order (parts, nulls first, then the primary key).</summary>
    private static List<TRow> Reference<TRow>(IEnumerable<TRow> rows, Func<TRow, object?[]> parts, object?[] prefix, Bound lower, Bound upper, bool reverse)
    {
        List<TRow> result = rows
            .Where(row => ComparePrefix(parts(row), 0, prefix) == 0)
            .Where(row => lower.Kind == 0 || ComparePrefix(parts(row), prefix.Length, lower.Values[..lower.Count]) is int c && (lower.Kind == 1 ? c >= 0 : c > 0))
            .Where(row => upper.Kind == 0 || ComparePrefix(parts(row), prefix.Length, upper.Values[..upper.Count]) is int c && (upper.Kind == 1 ? c <= 0 : c < 0))
            .Order(Comparer<TRow>.Create((a, b) => ComparePrefix(parts(a), 0, parts(b))))
            .ToList();
        if (reverse)
        {
            result.Reverse();
        }

        return result;
    }

    // Compares the row's parts from `start` with `values` (as many parts as there are values).
    private static int ComparePrefix(object?[] row, int start, object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int c = ComparePart(row[start + i], values[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int ComparePart(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (int x, int y) => x.CompareTo(y),
        (IssueStatus x, IssueStatus y) => ((byte)x).CompareTo((byte)y),
        _ => throw new InvalidOperationException($"Cannot compare {a} and {b}."),
    };

    private static Bound RandomBound(Random random, bool lower, int deeperParts)
    {
        if (deeperParts == 0 || random.Next(3) == 0)
        {
            return Bound.None;
        }

        return new Bound { Kind = random.Next(1, 3), Count = random.Next(1, deeperParts + 1), IsLower = lower };
    }

    private static void ApplyBound(Bound bound, Action inclusive1, Action exclusive1, Action? inclusive2, Action? exclusive2)
    {
        switch (bound.Kind, bound.Count)
        {
            case (0, _):
                break;
            case (1, 1):
                inclusive1();
                break;
            case (2, 1):
                exclusive1();
                break;
            case (1, _):
                inclusive2!();
                break;
            default:
                exclusive2!();
                break;
        }
    }

    /// <summary>One end of a random query: none (0), inclusive (1: From/To) or exclusive (2: After/Before), on its first Count values.</summary>
    private sealed class Bound
    {
        public static Bound None => new() { Values = [] };

        public int Kind { get; init; }

        public int Count { get; init; }

        public bool IsLower { get; init; }

        public object?[] Values { get; set; } = [];

        public override string ToString() => Kind == 0
            ? (IsLower ? "from start" : "to end")
            : $"{(IsLower ? Kind == 1 ? "From" : "After" : Kind == 1 ? "To" : "Before")}({string.Join(",", Values.Take(Count).Select(v => v ?? "null"))})";
    }
}
