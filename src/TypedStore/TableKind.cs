namespace TypedStore;

/// <summary>How a table's rows are owned, written and kept (design §6).</summary>
public enum TableKind
{
    /// <summary>One global keyspace; the default.</summary>
    Shared = 0,

    /// <summary>Store metadata: every write is durable on return (write-ahead log synced), whatever the options say.</summary>
    System = 1,

    /// <summary>The first key part is the owning user's id; per-user scans, counts and deletes never touch another user.</summary>
    User = 2,

    /// <summary>Append-mostly, time-ordered rows that expire after <see cref="TableAttribute.TtlSeconds"/>.</summary>
    Stream = 3,
}
