namespace TypedStore;

/// <summary>
/// A transaction could not commit: a key it read or wrote was committed by another writer after its snapshot, and
/// every attempt <see cref="StoreOptions.MaxTransactionAttempts"/> allows met such a conflict (or, for a transaction
/// begun with <c>BeginTransaction</c>, its one commit did). Nothing of the failed attempts was written.
/// </summary>
public sealed class TransactionConflictException : TypedStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public TransactionConflictException(string message)
        : base(message)
    {
    }

    /// <summary>How many attempts were made (1 for a transaction committed by hand).</summary>
    public int Attempts { get; init; }
}
