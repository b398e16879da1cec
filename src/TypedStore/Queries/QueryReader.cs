using TypedStore.Diagnostics;
using System.ComponentModel;
using TypedStore.Runtime.Contexts;

namespace TypedStore.Queries;

/// <summary>
/// What a query runs on: the reads (and the range delete) of one table over a <see cref="QueryRange"/>, in any
/// context. The runtime implements it once per table (<c>TableCore.Queries</c>); generated queries hold it. For generated
/// code only: every member is internal.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <remarks>
/// An abstract class rather than the table's reader itself, because a generated query is public while a table's key and
/// codec types are not, so the query cannot name them. The generic virtual members are dispatched once per query
/// operation, never per row: enumeration runs in the table's own typed scan.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class QueryReader<TRow>
{
    private protected QueryReader()
    {
    }

    /// <summary>The table's name, for errors.</summary>
    internal abstract string TableName { get; }

    /// <summary>The table's metrics: a query's read members count one scan each (<see cref="CountScan"/>).</summary>
    internal abstract TableMetrics Metrics { get; }

    /// <summary>Counts one scan of the table (an enumeration, First/Last, Any, Count, Keys or a page), not its rows.</summary>
    internal void CountScan() => Metrics.Completed(StoreOperation.Scan, started: 0);

    /// <summary>A key part's refusal, told again with the table's name.</summary>
    internal abstract ArgumentException KeyRefused(ArgumentException refusal);

    /// <summary>The rows of the range, lazily.</summary>
    internal abstract IEnumerator<TRow> GetEnumerator<TContext>(in TContext context, in QueryRange range)
        where TContext : struct, IReadContext;

    /// <summary>
    /// The first row of the range in its direction: one seek. The first step of the enumerator, for every reader: each
    /// reader's enumeration seeks once and reads only what it returns.
    /// </summary>
    internal bool TryFirst<TContext>(in TContext context, in QueryRange range, out TRow row)
        where TContext : struct, IReadContext
    {
        using IEnumerator<TRow> rows = GetEnumerator(context, range);
        if (rows.MoveNext())
        {
            row = rows.Current;
            return true;
        }

        row = default!;
        return false;
    }

    /// <summary>Whether the range holds a row; no value is decoded.</summary>
    internal abstract bool Any<TContext>(in TContext context, in QueryRange range)
        where TContext : struct, IReadContext;

    /// <summary>The number of rows of the range; no value is decoded.</summary>
    internal abstract long Count<TContext>(in TContext context, in QueryRange range)
        where TContext : struct, IReadContext;

    /// <summary>The keys of the range, each mapped by <paramref name="select"/> (a <c>Func&lt;TKey, TOut&gt;</c> over the table's key struct); no value is decoded.</summary>
    internal abstract IEnumerable<TOut> Keys<TContext, TOut>(in TContext context, in QueryRange range, Delegate select)
        where TContext : struct, IReadContext;

    /// <summary>Up to <paramref name="size"/> rows after <paramref name="continuation"/>, and the next page's token.</summary>
    internal abstract Page<TRow> Page<TContext>(in TContext context, in QueryRange range, int size, string? continuation)
        where TContext : struct, IReadContext;

    /// <summary>Removes every row of the range as one write member of <paramref name="context"/>.</summary>
    internal abstract void DeleteRange<TContext>(in TContext context, in QueryRange range)
        where TContext : struct, IWriteContext;
}
