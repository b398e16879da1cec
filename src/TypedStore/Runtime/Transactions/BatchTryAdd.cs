using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>A batch's <c>TryAdd</c>: the row is put at commit unless a row with its key exists then.</summary>
internal sealed class BatchTryAdd<TRow, TKey, TCodec> : BatchConditional
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _core;
    private readonly TRow _row;
    private readonly ConditionalWrites.TransactionPut<TRow, TKey, TCodec> _put;
    private bool _added;

    public BatchTryAdd(TableCore<TRow, TKey, TCodec> core, TRow row, ConditionalWrites.TransactionPut<TRow, TKey, TCodec> put)
    {
        _core = core;
        _row = row;
        _put = put;
        Outcome = new ConditionalAdd(core.Descriptor.Name);
    }

    /// <summary>The handle the caller holds.</summary>
    public ConditionalAdd Outcome { get; }

    public override void Decide(TransactionContext context) => _added = ConditionalWrites.TryAddIn(_core, context, _row, _put);

    public override async ValueTask DecideAsync(TransactionContext context, CancellationToken cancellationToken)
        => _added = await ConditionalWrites.TryAddInAsync(_core, context, _row, _put, cancellationToken).ConfigureAwait(false);

    public override void Publish() => Outcome.Decide(_added);
}
