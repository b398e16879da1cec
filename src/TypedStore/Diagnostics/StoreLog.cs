using Microsoft.Extensions.Logging;

namespace TypedStore.Diagnostics;

/// <summary>
/// Everything TypedStore logs (docs/observability.md), through the LoggerMessage source generator: no formatting and
/// no allocation unless the level is enabled. Category <c>"TypedStore"</c>; the logger comes from
/// <see cref="StoreOptions.LoggerFactory"/>. Nothing is logged per row or per operation: those are metrics.
/// </summary>
internal static partial class StoreLog
{
    /// <summary>The category of every TypedStore log entry.</summary>
    public const string Category = "TypedStore";

    [LoggerMessage(EventId = 1, EventName = "StoreOpened", Level = LogLevel.Information,
        Message = "Opened store {Store} ({TableCount} tables, {Engine}) in {ElapsedMilliseconds} ms")]
    public static partial void StoreOpened(ILogger logger, string store, int tableCount, string engine, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "StoreClosed", Level = LogLevel.Debug, Message = "Closed store {Store}")]
    public static partial void StoreClosed(ILogger logger, string store);

    [LoggerMessage(EventId = 3, EventName = "TableCreated", Level = LogLevel.Information,
        Message = "Store {Store}: table {Table} recorded in the catalog at schema version 1")]
    public static partial void TableCreated(ILogger logger, string store, string table);

    [LoggerMessage(EventId = 4, EventName = "SchemaUpgraded", Level = LogLevel.Information,
        Message = "Store {Store}: table {Table} upgraded to schema version {Version} (members appended)")]
    public static partial void SchemaUpgraded(ILogger logger, string store, string table, int version);

    [LoggerMessage(EventId = 5, EventName = "CatalogFormatRaised", Level = LogLevel.Information,
        Message = "Store {Store}: catalog format raised from {From} to {To}; builds that read only format {From} now refuse the store")]
    public static partial void CatalogFormatRaised(ILogger logger, string store, int from, int to);

    [LoggerMessage(EventId = 6, EventName = "IndexBuildStarted", Level = LogLevel.Information,
        Message = "Store {Store}: building index {Index} of table {Table} ({Total} entries)")]
    public static partial void IndexBuildStarted(ILogger logger, string store, string table, string index, long total);

    [LoggerMessage(EventId = 7, EventName = "IndexBuildProgress", Level = LogLevel.Debug,
        Message = "Store {Store}: index {Index} of table {Table}: {Written} of {Total} entries written")]
    public static partial void IndexBuildProgress(ILogger logger, string store, string table, string index, long written, long total);

    [LoggerMessage(EventId = 8, EventName = "IndexBuilt", Level = LogLevel.Information,
        Message = "Store {Store}: built index {Index} of table {Table}: {Total} entries in {ElapsedMilliseconds} ms")]
    public static partial void IndexBuilt(ILogger logger, string store, string table, string index, long total, long elapsedMilliseconds);

    [LoggerMessage(EventId = 9, EventName = "IndexDropped", Level = LogLevel.Information,
        Message = "Store {Store}: dropped index {Index} of table {Table} (no longer declared)")]
    public static partial void IndexDropped(ILogger logger, string store, string table, string index);

    [LoggerMessage(EventId = 10, EventName = "BackgroundWorkFailed", Level = LogLevel.Error,
        Message = "Store {Store}: background {Work} failed; it is tried again at its next run")]
    public static partial void BackgroundWorkFailed(ILogger logger, string store, string work, Exception exception);
}
