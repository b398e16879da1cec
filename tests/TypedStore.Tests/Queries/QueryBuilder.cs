using TypedStore.Queries;
using TypedStore.Runtime.Contexts;

namespace TypedStore.Tests.Queries;

/// <summary>Builds the generated query a <see cref="QuerySpec"/> describes, through the typed members only.</summary>
internal static class QueryBuilder
{
    public static TableQuery<QItem, TContext> Build<TContext>(QueryStore.QItemsTable<TContext> table, QuerySpec spec)
        where TContext : struct, IReadContext
    {
        switch (spec.Depth)
        {
            case 0:
            {
                QueryStore.QItemsQuery<TContext> query = table.Scan();
                query = spec.Lower is { } lower ? Apply(query, lower) : query;
                query = spec.Upper is { } upper ? Apply(query, upper) : query;
                return spec.Reverse ? query.Reverse() : query;
            }

            case 1:
            {
                QueryStore.QItemsWithinProjectQuery<TContext> query = table.Scan(spec.Prefix.Project);
                query = spec.Lower is { } lower ? Apply(query, lower) : query;
                query = spec.Upper is { } upper ? Apply(query, upper) : query;
                return spec.Reverse ? query.Reverse() : query;
            }

            default:
            {
                QueryStore.QItemsWithinProjectAtQuery<TContext> query = table.Scan(spec.Prefix.Project, spec.Prefix.At);
                query = spec.Lower is { } lower ? Apply(query, lower) : query;
                query = spec.Upper is { } upper ? Apply(query, upper) : query;
                return spec.Reverse ? query.Reverse() : query;
            }
        }
    }

    /// <summary>The generated <c>Keys()</c> of the query <paramref name="spec"/> describes.</summary>
    public static IEnumerable<(string Project, long At, int Seq)> Keys<TContext>(QueryStore.QItemsTable<TContext> table, QuerySpec spec)
        where TContext : struct, IReadContext
        => Build(table, spec) switch
        {
            QueryStore.QItemsQuery<TContext> query => query.Keys(),
            QueryStore.QItemsWithinProjectQuery<TContext> query => query.Keys(),
            QueryStore.QItemsWithinProjectAtQuery<TContext> query => query.Keys(),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };

    private static QueryStore.QItemsQuery<T> Apply<T>(QueryStore.QItemsQuery<T> q, QueryBoundSpec b)
        where T : struct, IReadContext
    {
        QItem v = b.Values;
        return (b.Kind, b.Count) switch
        {
            (QueryBound.From, 1) => q.From(v.Project),
            (QueryBound.From, 2) => q.From(v.Project, v.At),
            (QueryBound.From, _) => q.From(v.Project, v.At, v.Seq),
            (QueryBound.After, 1) => q.After(v.Project),
            (QueryBound.After, 2) => q.After(v.Project, v.At),
            (QueryBound.After, _) => q.After(v.Project, v.At, v.Seq),
            (QueryBound.To, 1) => q.To(v.Project),
            (QueryBound.To, 2) => q.To(v.Project, v.At),
            (QueryBound.To, _) => q.To(v.Project, v.At, v.Seq),
            (QueryBound.Before, 1) => q.Before(v.Project),
            (QueryBound.Before, 2) => q.Before(v.Project, v.At),
            _ => q.Before(v.Project, v.At, v.Seq),
        };
    }

    private static QueryStore.QItemsWithinProjectQuery<T> Apply<T>(QueryStore.QItemsWithinProjectQuery<T> q, QueryBoundSpec b)
        where T : struct, IReadContext
    {
        QItem v = b.Values;
        return (b.Kind, b.Count) switch
        {
            (QueryBound.From, 1) => q.From(v.At),
            (QueryBound.From, _) => q.From(v.At, v.Seq),
            (QueryBound.After, 1) => q.After(v.At),
            (QueryBound.After, _) => q.After(v.At, v.Seq),
            (QueryBound.To, 1) => q.To(v.At),
            (QueryBound.To, _) => q.To(v.At, v.Seq),
            (QueryBound.Before, 1) => q.Before(v.At),
            _ => q.Before(v.At, v.Seq),
        };
    }

    private static QueryStore.QItemsWithinProjectAtQuery<T> Apply<T>(QueryStore.QItemsWithinProjectAtQuery<T> q, QueryBoundSpec b)
        where T : struct, IReadContext
        => b.Kind switch
        {
            QueryBound.From => q.From(b.Values.Seq),
            QueryBound.After => q.After(b.Values.Seq),
            QueryBound.To => q.To(b.Values.Seq),
            _ => q.Before(b.Values.Seq),
        };
}
