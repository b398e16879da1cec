using TypedStore.Runtime.Contexts;

namespace TypedStore;

/// <content>
/// The async forms of the query writes: on the store a range delete reads what it must a page at a time and awaits its
/// commit (docs/async.md); in a batch or a transaction it is recorded at once and the task is complete. Every failure
/// comes through the task, and a token already cancelled removes nothing.
/// </content>
public static partial class QueryWrites
{
    /// <summary>The async form of <see cref="Delete{TRow, TContext}"/>.</summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <typeparam name="TContext">The context: it must write as well as read.</typeparam>
    /// <param name="query">The query whose range is removed.</param>
    /// <param name="cancellationToken">A token already cancelled removes nothing.</param>
    public static ValueTask DeleteAsync<TRow, TContext>(TableQuery<TRow, TContext> query, CancellationToken cancellationToken)
        where TContext : struct, IReadContext, IWriteContext
    {
        if (query is null)
        {
            return ValueTask.FromException(new ArgumentNullException(nameof(query)));
        }

        return query.Reader.DeleteRangeAsync(query.Context, query.Range, cancellationToken);
    }

    /// <summary>The async form of <see cref="DeleteIn{TRow, TQueryContext, TContext}"/>.</summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <typeparam name="TQueryContext">The context the query was built in.</typeparam>
    /// <typeparam name="TContext">The context that writes.</typeparam>
    /// <param name="table">The table's query reader (<c>TableCore.Queries</c>) of the table that writes.</param>
    /// <param name="context">Where the delete runs (the store) or is recorded (a batch, a transaction).</param>
    /// <param name="query">The query whose range is removed; it must be a query of the same table.</param>
    /// <param name="cancellationToken">A token already cancelled removes nothing.</param>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static ValueTask DeleteInAsync<TRow, TQueryContext, TContext>(Queries.QueryReader<TRow> table, in TContext context, TableQuery<TRow, TQueryContext> query, CancellationToken cancellationToken)
        where TQueryContext : struct, IReadContext
        where TContext : struct, IWriteContext
    {
        if (table is null || query is null)
        {
            return ValueTask.FromException(new ArgumentNullException(table is null ? nameof(table) : nameof(query)));
        }

        if (!ReferenceEquals(query.Reader, table))
        {
            return ValueTask.FromException(new ArgumentException($"Table '{table.TableName}' cannot delete the range of a query of table '{query.Reader.TableName}' of another store.", nameof(query)));
        }

        return table.DeleteRangeAsync(context, query.Range, cancellationToken);
    }
}
