using TypedStore.Queries;

namespace TypedStore.Tables;

/// <content>A table query's async range delete: the table writer's, which reads and commits without blocking a thread on the store.</content>
internal sealed partial class TableQueryReader<TRow, TKey, TCodec>
{
    internal override ValueTask DeleteRangeAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
        => _table.Writer.DeleteRangeAsync(context, range.Lower, range.Upper, range.IsEmpty, cancellationToken);
}
