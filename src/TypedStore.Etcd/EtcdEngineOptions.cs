namespace TypedStore.Etcd;

/// <summary>
/// Where and how a store runs on etcd: the cluster's client endpoints, the key prefix that isolates the store from
/// every other user of the cluster, timeouts, the server's transaction limits and compaction (docs/scale-out.md).
/// </summary>
/// <remarks>Checked by <see cref="EtcdEngine.Connect"/>: a bad value is an <see cref="ArgumentException"/> naming the option.</remarks>
public sealed class EtcdEngineOptions
{
    /// <summary>etcd's default <c>--max-txn-ops</c>.</summary>
    public const int DefaultMaxTransactionOperations = 128;

    /// <summary>etcd's default <c>--max-request-bytes</c> (1.5 MiB).</summary>
    public const int DefaultMaxRequestBytes = 1536 * 1024;

    /// <summary>
    /// The client URLs of the cluster's members (<c>http://127.0.0.1:2379</c>, ...). Requests go to one member and move to
    /// the next when it stops answering; giving every member lets the store ride through the loss of any of them.
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>
    /// The prefix of every key the store writes (default empty). Stored escaped and terminated, so the stores "chat/" and
    /// "chat/x" on one cluster never see each other's keys, whatever their tables are called.
    /// </summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>How long one request may take before it is abandoned and retried on the next member (default 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one operation may take in all, retries included, before it fails with a <see cref="TypedStoreException"/>
    /// naming the endpoints (default 20 s: a leader election after a member dies stalls writes for several seconds).
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long opening a store may wait for the cluster to answer its first request (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The server's <c>--max-txn-ops</c> (default 128): a batch or transaction needing more operations in one etcd
    /// transaction is refused with <see cref="BatchTooLargeException"/> before anything is sent. One operation of each
    /// transaction is the engine's own (the commit lane that makes retries safe).
    /// </summary>
    public int MaxTransactionOperations { get; init; } = DefaultMaxTransactionOperations;

    /// <summary>The server's <c>--max-request-bytes</c> (default 1.5 MiB): larger batches are refused with <see cref="BatchTooLargeException"/>.</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>How many entries an iterator reads per request (default 500, from 1 to 100,000).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// How often the engine compacts the cluster's history (default 1 minute; <see cref="TimeSpan.Zero"/> turns the
    /// background compactor off, leaving compaction to the operator). Never past the oldest snapshot or iterator any
    /// store on the cluster still reads.
    /// </summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many revisions behind the newest one compaction always keeps (default 1,000; at least 0).</summary>
    public long CompactionRetainedRevisions { get; init; } = 1000;

    /// <summary>
    /// How long the engine's commit lanes (the keys that make a retried write apply once, docs/scale-out.md) outlive a
    /// process that dies without disposing its store (default 60 s, from 2 s to 1 hour). They are attached to an etcd
    /// lease that the engine keeps alive every third of this time; a process that stops renewing it (killed, or cut off
    /// from the cluster or paused for longer than this) loses them, and a write it had in flight then fails with a
    /// <see cref="TypedStoreException"/> saying it was applied once or not at all, never twice.
    /// </summary>
    public TimeSpan LaneLeaseTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Serializable reads (answered by any member from its own copy: faster, may be slightly stale) instead of
    /// linearizable ones (default <see langword="false"/>). Snapshot reads are always at their revision.
    /// </summary>
    public bool SerializableReads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Endpoints is null || Endpoints.Count == 0)
        {
            throw new ArgumentException("EtcdEngineOptions.Endpoints must name at least one etcd client URL (http://host:port).", nameof(Endpoints));
        }

        foreach (string endpoint in Endpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"EtcdEngineOptions.Endpoints: '{endpoint}' is not an http:// or https:// URL.", nameof(Endpoints));
            }
        }

        ArgumentNullException.ThrowIfNull(KeyPrefix, "EtcdEngineOptions.KeyPrefix");
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(OperationTimeout, nameof(OperationTimeout));
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        if (OperationTimeout < RequestTimeout)
        {
            throw new ArgumentException($"EtcdEngineOptions.OperationTimeout ({OperationTimeout}) must be at least RequestTimeout ({RequestTimeout}).", nameof(OperationTimeout));
        }

        if (MaxTransactionOperations < 2)
        {
            throw new ArgumentException($"EtcdEngineOptions.MaxTransactionOperations must be at least 2 (one is the engine's own); it is {MaxTransactionOperations}.", nameof(MaxTransactionOperations));
        }

        if (MaxRequestBytes < 1024)
        {
            throw new ArgumentException($"EtcdEngineOptions.MaxRequestBytes must be at least 1024; it is {MaxRequestBytes}.", nameof(MaxRequestBytes));
        }

        if (PageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"EtcdEngineOptions.PageSize must be from 1 to 100,000; it is {PageSize}.", nameof(PageSize));
        }

        if (CompactionInterval < TimeSpan.Zero || CompactionInterval > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"EtcdEngineOptions.CompactionInterval must be from 0 (off) to 1 day; it is {CompactionInterval}.", nameof(CompactionInterval));
        }

        if (LaneLeaseTime < TimeSpan.FromSeconds(2) || LaneLeaseTime > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"EtcdEngineOptions.LaneLeaseTime must be from 2 seconds to 1 hour; it is {LaneLeaseTime}.", nameof(LaneLeaseTime));
        }

        if (CompactionRetainedRevisions < 0)
        {
            throw new ArgumentException($"EtcdEngineOptions.CompactionRetainedRevisions must be at least 0; it is {CompactionRetainedRevisions}.", nameof(CompactionRetainedRevisions));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"EtcdEngineOptions.{name} must be more than 0 and at most 1 hour; it is {value}.", name);
        }
    }
}
