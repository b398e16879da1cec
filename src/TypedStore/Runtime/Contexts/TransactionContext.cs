using System.ComponentModel;
using TypedStore.Runtime.Transactions;
using TypedStore.Storage;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A transaction: reads see its snapshot with its own writes laid over it, and writes are recorded (each member all of
/// it or none, as in a batch) and committed together by the transaction's commit, which fails with a conflict when a
/// key it read or wrote was committed by someone else after its snapshot. What <c>tx.Table</c> is bound to. Both roles,
/// so a transaction's tables have every read and every write member.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TransactionContext : IReadContext, IWriteContext
{
    private readonly StoreTransactionRuntime _transaction;

    /// <summary>The context of <paramref name="transaction"/>.</summary>
    public TransactionContext(StoreTransactionRuntime transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        _transaction = transaction;
    }

    /// <summary>The transaction.</summary>
    internal StoreTransactionRuntime Transaction => _transaction;

    StorageSnapshot? IReadContext.Snapshot => _transaction.View;

    bool IWriteContext.CommitsEachWrite => false;

    WriteScope IWriteContext.BeginWrite(WriteDurability durability) => _transaction.BeginMember(durability);
}
