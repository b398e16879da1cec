using TypedStore.Queries;
using TypedStore.Runtime.Contexts;

namespace TypedStore.Tests.Indexes;

/// <summary>Builds the generated query a <see cref="ModelRange"/> describes on <see cref="IndexStore"/>, through the typed members only.</summary>
internal static class IndexQueryBuilder
{
    public static TableQuery<Issue, TContext> Issues<TContext>(IndexStore.IssuesTable<TContext> table, ModelRange range)
        where TContext : struct, IReadContext
    {
        if (range.Depth == 0)
        {
            IndexStore.IssuesQuery<TContext> query = table.Scan();
            foreach (ModelBound b in Bounds(range))
            {
                object[] v = b.Values;
                query = (b.Kind, b.Count) switch
                {
                    (QueryBound.From, 1) => query.From((string)v[0]),
                    (QueryBound.From, _) => query.From((string)v[0], (int)v[1]),
                    (QueryBound.After, 1) => query.After((string)v[0]),
                    (QueryBound.After, _) => query.After((string)v[0], (int)v[1]),
                    (QueryBound.To, 1) => query.To((string)v[0]),
                    (QueryBound.To, _) => query.To((string)v[0], (int)v[1]),
                    (QueryBound.Before, 1) => query.Before((string)v[0]),
                    _ => query.Before((string)v[0], (int)v[1]),
                };
            }

            return range.Reverse ? query.Reverse() : query;
        }

        IndexStore.IssuesWithinProjectIdQuery<TContext> within = table.Scan((string)range.Prefix[0]);
        foreach (ModelBound b in Bounds(range))
        {
            int n = (int)b.Values[1];
            within = b.Kind switch
            {
                QueryBound.From => within.From(n),
                QueryBound.After => within.After(n),
                QueryBound.To => within.To(n),
                _ => within.Before(n),
            };
        }

        return range.Reverse ? within.Reverse() : within;
    }

    public static TableQuery<Account, TContext> Accounts<TContext>(IndexStore.AccountsTable<TContext> table, ModelRange range)
        where TContext : struct, IReadContext
    {
        IndexStore.AccountsQuery<TContext> query = table.Scan();
        foreach (ModelBound b in Bounds(range))
        {
            string id = (string)b.Values[0];
            query = b.Kind switch
            {
                QueryBound.From => query.From(id),
                QueryBound.After => query.After(id),
                QueryBound.To => query.To(id),
                _ => query.Before(id),
            };
        }

        query = range.IncludeDeleted ? query.IncludeDeleted() : query;
        return range.Reverse ? query.Reverse() : query;
    }

    public static TableQuery<Contact, TContext> Contacts<TContext>(IndexStore.ContactsTable<TContext> table, ModelRange range)
        where TContext : struct, IReadContext
    {
        if (range.Depth == 0)
        {
            IndexStore.ContactsQuery<TContext> query = table.Scan();
            foreach (ModelBound b in Bounds(range))
            {
                object[] v = b.Values;
                query = (b.Kind, b.Count) switch
                {
                    (QueryBound.From, 1) => query.From((string)v[0]),
                    (QueryBound.From, _) => query.From((string)v[0], (int)v[1]),
                    (QueryBound.After, 1) => query.After((string)v[0]),
                    (QueryBound.After, _) => query.After((string)v[0], (int)v[1]),
                    (QueryBound.To, 1) => query.To((string)v[0]),
                    (QueryBound.To, _) => query.To((string)v[0], (int)v[1]),
                    (QueryBound.Before, 1) => query.Before((string)v[0]),
                    _ => query.Before((string)v[0], (int)v[1]),
                };
            }

            query = range.IncludeDeleted ? query.IncludeDeleted() : query;
            return range.Reverse ? query.Reverse() : query;
        }

        IndexStore.ContactsWithinUserIdQuery<TContext> within = table.Scan((string)range.Prefix[0]);
        foreach (ModelBound b in Bounds(range))
        {
            int id = (int)b.Values[1];
            within = b.Kind switch
            {
                QueryBound.From => within.From(id),
                QueryBound.After => within.After(id),
                QueryBound.To => within.To(id),
                _ => within.Before(id),
            };
        }

        within = range.IncludeDeleted ? within.IncludeDeleted() : within;
        return range.Reverse ? within.Reverse() : within;
    }

    private static IEnumerable<ModelBound> Bounds(ModelRange range)
    {
        if (range.Lower is { } lower)
        {
            yield return lower;
        }

        if (range.Upper is { } upper)
        {
            yield return upper;
        }
    }
}
