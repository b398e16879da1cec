namespace TypedStore;

/// <summary>How far an import has come, reported after every committed batch and at the end of every table.</summary>
/// <param name="Table">The table being imported.</param>
/// <param name="TableRows">Rows of <paramref name="Table"/> (its own and its indexes' entries) written so far.</param>
/// <param name="TotalRows">Rows written so far, over every table.</param>
/// <param name="TotalBytes">Key and value bytes written so far, over every table.</param>
/// <param name="TableCompleted">Whether <paramref name="Table"/> is now imported whole.</param>
public readonly record struct ImportProgress(string Table, long TableRows, long TotalRows, long TotalBytes, bool TableCompleted);
