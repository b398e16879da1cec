using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <content>
/// <c>TryAdd</c> and <c>Update</c> in a transaction with the transaction's async reads: the transaction's own writes
/// answer first, then the engine's async reads at its snapshot (taken with <c>CreateSnapshotAsync</c>), so on an async
/// engine the store's <c>TryAddAsync</c>/<c>UpdateAsync</c>, a transaction's, and a batch's conditional writes at its
/// <c>CommitAsync</c> block no thread. What is read and recorded is exactly what the synchronous forms read and record.
/// </content>
public static partial class ConditionalWrites
{
    /// <summary>The async form of <see cref="TryAddIn"/>: whether the row was put (no row with its key existed).</summary>
    internal static ValueTask<bool> TryAddInAsync<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put, CancellationToken cancellationToken)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        ValueTask<bool> exists = core.Reader.ExistsAsync(context, TCodec.GetKey(row), cancellationToken);
        if (!exists.IsCompletedSuccessfully)
        {
            return AddUnlessExistsAsync(core, context, row, put, exists);
        }

        if (exists.Result)
        {
            return new ValueTask<bool>(false);
        }

        put(core, context, row);
        return new ValueTask<bool>(true);
    }

    /// <summary>
    /// The async form of <see cref="TryUpdateIn"/>: whether there was a row, and the changed row recorded in its place.
    /// </summary>
    internal static async ValueTask<(bool Updated, TRow? Row)> TryUpdateInAsync<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put, CancellationToken cancellationToken)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        // Found or not as a flag: a struct row has no null to tell "none" by.
        (bool found, TRow row) = await core.Reader.GetAsync(context, key, static row => (true, row), cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return (false, default);
        }

        TRow next = Change(core, key, change, row);
        put(core, context, next);
        return (true, next);
    }

    private static async ValueTask<bool> AddUnlessExistsAsync<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put, ValueTask<bool> exists)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        if (await exists.ConfigureAwait(false))
        {
            return false;
        }

        put(core, context, row);
        return true;
    }

    private static async ValueTask<TResult?> UpdatedAsync<TRow, TKey, TCodec, TResult>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put, Func<TRow, TResult> found, CancellationToken cancellationToken)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        (bool updated, TRow? row) = await TryUpdateInAsync(core, context, key, change, put, cancellationToken).ConfigureAwait(false);
        return updated ? found(row!) : default;
    }
}
