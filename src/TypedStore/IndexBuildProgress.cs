namespace TypedStore;

/// <summary>
/// Progress of an index build on <c>Open</c> (an index added to a table that has rows), reported through
/// <see cref="StoreOptions.IndexBuildProgress"/> once before the first chunk of entries is written and after each chunk.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Index">The index being built.</param>
/// <param name="EntriesWritten">Entries written so far.</param>
/// <param name="TotalEntries">Entries the index will hold.</param>
public readonly record struct IndexBuildProgress(string Table, string Index, long EntriesWritten, long TotalEntries);
