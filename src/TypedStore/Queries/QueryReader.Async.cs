using TypedStore.Runtime.Contexts;

namespace TypedStore.Queries;

/// <content>
/// The async reads of a query. The defaults run the synchronous member and return a completed task (an index's
/// queries, a table with read features); a table whose rows are stored alone overrides them to read through the
/// engine's <c>ReadPageAsync</c> (<c>TableQueryReader</c>), so an async engine blocks no thread.
/// </content>
public abstract partial class QueryReader<TRow>
{
    /// <summary>The rows of the range, read as they are enumerated; <paramref name="firstPageEntries"/> is how many the first read asks for.</summary>
    internal virtual IAsyncEnumerator<TRow> GetAsyncEnumerator<TContext>(in TContext context, in QueryRange range, int firstPageEntries, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
        => new CompletedAsyncEnumerator<TRow>(GetEnumerator(context, range), cancellationToken);

    /// <summary>The first row of the range in its direction, and whether there is one.</summary>
    internal ValueTask<(bool Found, TRow? Row)> FirstAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<(bool, TRow?)>(cancellationToken);
        }

        IAsyncEnumerator<TRow> rows;
        ValueTask<bool> moved;
        try
        {
            rows = GetAsyncEnumerator(context, range, firstPageEntries: 1, cancellationToken);
            moved = rows.MoveNextAsync();
        }
        catch (Exception error)
        {
            return ValueTask.FromException<(bool, TRow?)>(error);
        }

        if (!moved.IsCompleted)
        {
            return FirstAfter(rows, moved);
        }

        try
        {
            return new ValueTask<(bool, TRow?)>(moved.GetAwaiter().GetResult() ? (true, rows.Current) : (false, default));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<(bool, TRow?)>(error);
        }
        finally
        {
            // Both enumerators dispose synchronously: the task is complete.
            _ = rows.DisposeAsync();
        }
    }

    /// <summary>The async form of <see cref="Any{TContext}"/>.</summary>
    internal virtual ValueTask<bool> AnyAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            return new ValueTask<bool>(Any(context, range));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <summary>The async form of <see cref="Count{TContext}"/>.</summary>
    internal virtual ValueTask<long> CountAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<long>(cancellationToken);
        }

        try
        {
            return new ValueTask<long>(Count(context, range));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }
    }

    /// <summary>The async form of <see cref="Page{TContext}"/>.</summary>
    internal virtual ValueTask<Page<TRow>> PageAsync<TContext>(in TContext context, in QueryRange range, int size, string? continuation, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Page<TRow>>(cancellationToken);
        }

        try
        {
            return new ValueTask<Page<TRow>>(Page(context, range, size, continuation));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<Page<TRow>>(error);
        }
    }

    /// <summary>The async form of <see cref="Keys{TContext, TOut}"/>: the keys of the range, each mapped by <paramref name="select"/>.</summary>
    internal virtual IAsyncEnumerable<TOut> KeysAsync<TContext, TOut>(in TContext context, in QueryRange range, Delegate select, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
        => CompletedAsyncEnumerable.From(Keys<TContext, TOut>(context, range, select), cancellationToken);

    private static async ValueTask<(bool Found, TRow? Row)> FirstAfter(IAsyncEnumerator<TRow> rows, ValueTask<bool> moved)
    {
        await using (rows.ConfigureAwait(false))
        {
            return await moved.ConfigureAwait(false) ? (true, rows.Current) : (false, default);
        }
    }
}
