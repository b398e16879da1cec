using TypedStore.Runtime.Contexts;

namespace TypedStore;

/// <summary>
/// The writes of queries: a query's range delete in the context it reads in (when that context writes too: the store
/// itself, later a transaction), or in a batch. For generated code: each table's <c>Delete()</c> of its queries and
/// <c>Delete(query)</c> of its batch call these.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static partial class QueryWrites
{
    /// <summary>
    /// Removes every row of the query's range (its bounds; the direction does not matter) as one atomic write through
    /// the table's write path, with what its features do for a range delete (docs/queries.md, "Range deletes").
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <typeparam name="TContext">The context: it must write as well as read.</typeparam>
    /// <param name="query">The query whose range is removed.</param>
    public static void Delete<TRow, TContext>(TableQuery<TRow, TContext> query)
        where TContext : struct, IReadContext, IWriteContext
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Reader.DeleteRange(query.Context, query.Range);
    }

    /// <summary>
    /// Removes every row of <paramref name="query"/>'s range as one write member of <paramref name="context"/> (a batch:
    /// recorded among its writes, applied by its commit). For generated code: a batch table's <c>Delete(query)</c>.
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <typeparam name="TQueryContext">The context the query was built in.</typeparam>
    /// <typeparam name="TContext">The context that writes.</typeparam>
    /// <param name="table">The table's query reader (<c>TableCore.Queries</c>) of the table that writes.</param>
    /// <param name="context">Where the delete is recorded.</param>
    /// <param name="query">The query whose range is removed; it must be a query of the same table.</param>
    /// <exception cref="ArgumentException"><paramref name="query"/> is a query of another table (of another store).</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void DeleteIn<TRow, TQueryContext, TContext>(Queries.QueryReader<TRow> table, in TContext context, TableQuery<TRow, TQueryContext> query)
        where TQueryContext : struct, IReadContext
        where TContext : struct, IWriteContext
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        if (!ReferenceEquals(query.Reader, table))
        {
            throw new ArgumentException($"Table '{table.TableName}' cannot delete the range of a query of table '{query.Reader.TableName}' of another store.", nameof(query));
        }

        table.DeleteRange(context, query.Range);
    }
}
