using TypedStore.Operations;

namespace TypedStore.Tables;

/// <content>
/// The store operations (design §15, docs/operations.md) and the errors of background work: what the generated store's
/// Checkpoint, Backup, Flush, Compact, GetStatistics, TrimChanges, RemovedTables, DropTable and BackgroundErrorCount call.
/// </content>
public sealed partial class StoreRuntime
{
    private StoreOperations? _operations;
    private BackgroundErrors? _backgroundErrors;

    /// <summary>The store's operations; only runtimes opened with their tables have them.</summary>
    public StoreOperations Operations
    {
        get
        {
            ThrowIfDisposed();
            return _operations ?? throw new InvalidOperationException($"The store '{_storeName}' was created without its tables, so it has no store operations.");
        }
    }

    /// <summary>Where errors of background work are counted and reported (the one place logging hooks into).</summary>
    internal BackgroundErrors BackgroundErrors => _backgroundErrors ??= new BackgroundErrors(Options, Logger, _storeName);

    // Called by the open before the store is built, so every generated member finds its operations.
    private void AttachOperations(IReadOnlyList<TableDescriptor> tables)
    {
        _backgroundErrors ??= new BackgroundErrors(Options, Logger, _storeName);
        _operations = new StoreOperations(this, _storeName, tables);
    }

    // With StoreOptions.ChangeFeedRetention, background maintenance trims the change feed on every pass (never on a
    // read-only store: trimming writes). Called by the open once the tables are built.
    private void StartChangeFeedRetention(IReadOnlyList<TableDescriptor> tables)
    {
        if (Options.ChangeFeedRetention is not { } retention || Options.StreamEvictionInterval is not { } interval || Options.ReadOnly || _engine.IsReadOnly)
        {
            return;
        }

        bool anyFeed = false;
        foreach (TableDescriptor table in tables)
        {
            anyFeed |= table.ChangeFeed;
        }

        if (!anyFeed)
        {
            return;
        }

        StoreOperations operations = Operations;
        RegisterBackgroundJob(
            interval,
            BackgroundWorkError.ChangeFeedRetention,
            table: null,
            () => operations.TrimChanges(Options.TimeProvider.GetUtcNow() - retention));
    }
}
