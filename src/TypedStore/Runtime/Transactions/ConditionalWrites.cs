using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// <c>TryAdd</c> and <c>Update</c>: a read and a write that no other writer can come between. In a transaction they
/// are its read and its write (validated at its commit); on the store each runs in a transaction of its own, retried
/// on conflict like <c>Transact</c>; in a batch each is kept and decided when the batch commits, in the transaction that
/// commit then runs (<see cref="BatchConditional"/>), and returns a handle whose outcome is readable after the commit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ConditionalWrites
{
    /// <summary>How the generated member puts a row in a transaction (through the generated ids' object where the table has one).</summary>
    public delegate void TransactionPut<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TRow row)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>;

    /// <summary>Puts <paramref name="row"/> unless a row with its key exists; returns whether it did.</summary>
    public static bool TryAdd<TRow, TKey, TCodec, TContext>(TableCore<TRow, TKey, TCodec> core, in TContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        where TContext : struct, IReadContext, IWriteContext
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(row);
        if (typeof(TContext) == typeof(TransactionContext))
        {
            return TryAddIn(core, Unsafe.As<TContext, TransactionContext>(ref Unsafe.AsRef(in context)), row, put);
        }

        return TransactionRunner.Run(core.Store, static transaction => transaction.Context, context => TryAddIn(core, context, row, put));
    }

    /// <summary>
    /// Reads the row with <paramref name="key"/>, applies <paramref name="change"/> and puts the result; returns it, or
    /// <see langword="null"/> (nothing written) when there is no row. On the store, <paramref name="change"/> runs again
    /// on each retry, so it must not have side effects.
    /// </summary>
    public static TRow? Update<TRow, TKey, TCodec, TContext>(TableCore<TRow, TKey, TCodec> core, in TContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        where TContext : struct, IReadContext, IWriteContext
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(change);
        if (typeof(TContext) == typeof(TransactionContext))
        {
            return UpdateIn(core, Unsafe.As<TContext, TransactionContext>(ref Unsafe.AsRef(in context)), key, change, put);
        }

        return TransactionRunner.Run(core.Store, static transaction => transaction.Context, context => UpdateIn(core, context, key, change, put));
    }

    /// <summary>
    /// The async form of <see cref="TryAdd{TRow, TKey, TCodec, TContext}"/>: the existence test is the transaction's async
    /// read (<c>ExistsAsync</c>), then the put is recorded; on the store it runs in a transaction of its own whose commit
    /// is awaited (<see cref="TransactionRunner.RunAsync"/>), retried on conflict.
    /// </summary>
    public static ValueTask<bool> TryAddAsync<TRow, TKey, TCodec, TContext>(TableCore<TRow, TKey, TCodec> core, in TContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put, CancellationToken cancellationToken)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        where TContext : struct, IReadContext, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            ArgumentNullException.ThrowIfNull(core);
            ArgumentNullException.ThrowIfNull(row);
            if (typeof(TContext) == typeof(TransactionContext))
            {
                return TryAddInAsync(core, Unsafe.As<TContext, TransactionContext>(ref Unsafe.AsRef(in context)), row, put, cancellationToken);
            }

            return new ValueTask<bool>(TransactionRunner.RunAsync(core.Store, static transaction => transaction.Context, (context, token) => TryAddInAsync(core, context, row, put, token).AsTask(), cancellationToken));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="Update{TRow, TKey, TCodec, TContext}"/>: the row is read with the transaction's async
    /// read (<c>GetAsync</c>), changed and recorded; on the store it runs in a transaction of its own whose commit is
    /// awaited, retried on conflict (running <paramref name="change"/> again).
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <typeparam name="TKey">The struct of key parts.</typeparam>
    /// <typeparam name="TCodec">The generated codec.</typeparam>
    /// <typeparam name="TContext">The store's or a transaction's context.</typeparam>
    /// <typeparam name="TResult">The public form of the result: the row, nullable (a struct row becomes <see cref="Nullable{T}"/>).</typeparam>
    public static ValueTask<TResult?> UpdateAsync<TRow, TKey, TCodec, TContext, TResult>(TableCore<TRow, TKey, TCodec> core, in TContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put, Func<TRow, TResult> found, CancellationToken cancellationToken)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        where TContext : struct, IReadContext, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult?>(cancellationToken);
        }

        try
        {
            ArgumentNullException.ThrowIfNull(core);
            ArgumentNullException.ThrowIfNull(change);
            ArgumentNullException.ThrowIfNull(found);
            if (typeof(TContext) == typeof(TransactionContext))
            {
                return UpdatedAsync(core, Unsafe.As<TContext, TransactionContext>(ref Unsafe.AsRef(in context)), key, change, put, found, cancellationToken);
            }

            return new ValueTask<TResult?>(TransactionRunner.RunAsync(core.Store, static transaction => transaction.Context, (context, token) => UpdatedAsync(core, context, key, change, put, found, token).AsTask(), cancellationToken));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<TResult?>(error);
        }
    }

    /// <summary>
    /// Records a <c>TryAdd</c> in a batch: the row is put when the batch commits unless a row with its key exists then
    /// (with the batch's unconditional writes and its earlier conditional ones applied). A row that cannot be written
    /// (a key or an indexed value the codec refuses) is refused now, and the batch stays as it was.
    /// </summary>
    public static ConditionalAdd TryAdd<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, in BatchContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(put);
        StoreBatchRuntime batch = context.Batch;

        // A probe: the put is recorded and taken back (the member does not complete), so a bad row throws here.
        using (WriteScope probe = batch.BeginMember(core.WriteTable.Durability))
        {
            core.Writer.Put(context, row);
        }

        BatchTryAdd<TRow, TKey, TCodec> add = new(core, row, put);
        batch.AddConditional(add);
        return add.Outcome;
    }

    /// <summary>
    /// Records an <c>Update</c> in a batch: when the batch commits, the row with <paramref name="key"/> (with the batch's
    /// unconditional writes and its earlier conditional ones applied) is changed by <paramref name="change"/> and put
    /// back; nothing when there is none. <paramref name="change"/> runs at commit, once per attempt, so it must not have
    /// side effects. A key the codec refuses is refused now, and the batch stays as it was.
    /// </summary>
    public static ConditionalUpdate<TRow> Update<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, in BatchContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(put);
        StoreBatchRuntime batch = context.Batch;

        // A probe of the key: a delete is recorded and taken back.
        using (WriteScope probe = batch.BeginMember(core.WriteTable.Durability))
        {
            core.Writer.Delete(context, key);
        }

        BatchUpdate<TRow, TKey, TCodec> update = new(core, key, change, put);
        batch.AddConditional(update);
        return update.Outcome;
    }

    /// <summary>TryAdd in a transaction: a read of the key and, when absent, the put.</summary>
    internal static bool TryAddIn<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TRow row, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        if (core.Reader.Exists(context, TCodec.GetKey(row)))
        {
            return false;
        }

        put(core, context, row);
        return true;
    }

    private static TRow? UpdateIn<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => TryUpdateIn(core, context, key, change, put, out TRow? next) ? next : default;

    /// <summary>Update in a transaction: a read of the key and, when found, the changed row's put; returns whether there was a row.</summary>
    internal static bool TryUpdateIn<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TransactionContext context, TKey key, Func<TRow, TRow> change, TransactionPut<TRow, TKey, TCodec> put, [MaybeNullWhen(false)] out TRow next)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        if (!core.Reader.TryGet(context, key, out TRow? row))
        {
            next = default;
            return false;
        }

        next = Change(core, key, change, row);
        put(core, context, next);
        return true;
    }

    // The changed row, refused when the change returned null or moved it to another key.
    private static TRow Change<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> core, TKey key, Func<TRow, TRow> change, TRow row)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        TRow next = change(row);
        if (next is null)
        {
            throw new InvalidOperationException($"Table '{core.Descriptor.Name}': Update's change returned null; return the changed row (to remove it, use Delete).");
        }

        if (!EqualityComparer<TKey>.Default.Equals(TCodec.GetKey(next), key))
        {
            throw new ArgumentException($"Table '{core.Descriptor.Name}': Update's change must keep the row's key; it returned a row with another key. Put the new row and Delete the old one instead.", nameof(change));
        }

        return next;
    }
}
