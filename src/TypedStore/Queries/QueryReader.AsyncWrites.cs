using TypedStore.Runtime.Contexts;

namespace TypedStore.Queries;

/// <content>
/// The async range delete of a query. The default runs <see cref="DeleteRange{TContext}"/> and returns a completed task
/// (an index query, which deletes nothing, refuses through the task); a table's own queries override it to read and
/// commit without blocking a thread (<c>TableQueryReader</c>, <c>TableWriter.DeleteRangeAsync</c>).
/// </content>
public abstract partial class QueryReader<TRow>
{
    /// <summary>The async form of <see cref="DeleteRange{TContext}"/>; failures come through the task.</summary>
    internal virtual ValueTask DeleteRangeAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            DeleteRange(context, range);
            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }
}
