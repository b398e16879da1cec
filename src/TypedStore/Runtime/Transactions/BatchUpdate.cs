using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>A batch's <c>Update</c>: the row with the key is read at commit, changed and put back; nothing when there is none.</summary>
internal sealed class BatchUpdate<TRow, TKey, TCodec> : BatchConditional
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _core;
    private readonly TKey _key;
    private readonly Func<TRow, TRow> _change;
    private readonly ConditionalWrites.TransactionPut<TRow, TKey, TCodec> _put;
    private bool _updated;
    private TRow? _row;

    public BatchUpdate(TableCore<TRow, TKey, TCodec> core, TKey key, Func<TRow, TRow> change, ConditionalWrites.TransactionPut<TRow, TKey, TCodec> put)
    {
        _core = core;
        _key = key;
        _change = change;
        _put = put;
        Outcome = new ConditionalUpdate<TRow>(core.Descriptor.Name);
    }

    /// <summary>The handle the caller holds.</summary>
    public ConditionalUpdate<TRow> Outcome { get; }

    public override void Decide(TransactionContext context)
        => _updated = ConditionalWrites.TryUpdateIn(_core, context, _key, _change, _put, out _row);

    public override async ValueTask DecideAsync(TransactionContext context, CancellationToken cancellationToken)
        => (_updated, _row) = await ConditionalWrites.TryUpdateInAsync(_core, context, _key, _change, _put, cancellationToken).ConfigureAwait(false);

    public override void Publish() => Outcome.Decide(_updated, _row);
}
