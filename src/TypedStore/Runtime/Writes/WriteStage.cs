namespace TypedStore.Runtime.Writes;

/// <summary>
/// The one fixed order in which <see cref="CommitPipeline"/> runs commit steps, whatever tables a write set
/// touches and in whatever order it touched them. Gaps leave room for the features still to come.
/// </summary>
internal enum WriteStage
{
    /// <summary>Generated ids (catalog sequences, time-ordered ids).</summary>
    GeneratedIds = 0,

    /// <summary>Soft delete: the table's gate against <c>PurgeDeleted</c>.</summary>
    SoftDelete = 1,

    /// <summary>Secondary indexes (issue 12).</summary>
    Indexes = 2,

    /// <summary>The change feed: sequences assigned under the change log's gate, last so they cover every other step's writes.</summary>
    ChangeFeed = 3,

    /// <summary>The row cache (issue 14).</summary>
    RowCache = 4,
}
