namespace TypedStore.Etcd;

/// <summary>
/// A batch, transaction or single write needs more than one etcd transaction may hold: more operations than the
/// server's <c>--max-txn-ops</c> or more bytes than its <c>--max-request-bytes</c>. Raised before anything is sent, so
/// nothing was written; split the batch, or raise the server's limit and the matching <see cref="EtcdEngineOptions"/> value.
/// </summary>
public sealed class BatchTooLargeException : TypedStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and why.</param>
    /// <param name="limitName">The option that sets the limit (<c>EtcdEngineOptions.MaxTransactionOperations</c>, ...).</param>
    /// <param name="limit">The limit's value.</param>
    /// <param name="actual">What the batch needed.</param>
    public BatchTooLargeException(string message, string limitName, long limit, long actual)
        : base(message)
    {
        LimitName = limitName;
        Limit = limit;
        Actual = actual;
    }

    /// <summary>The option that sets the limit, e.g. <c>EtcdEngineOptions.MaxTransactionOperations</c>.</summary>
    public string LimitName { get; }

    /// <summary>The limit.</summary>
    public long Limit { get; }

    /// <summary>What the refused batch needed (operations or bytes).</summary>
    public long Actual { get; }
}
