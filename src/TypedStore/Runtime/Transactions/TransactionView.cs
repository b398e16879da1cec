using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// What a transaction's reads see: its engine snapshot with the ops its write set holds laid over it. The overlay
/// follows the write set lazily (before each read it takes the ops recorded since the last read), and starts over when a
/// member rolled back, since a rollback may take back ops it had taken. Ops on a table whose features derive entries
/// from its rows (indexes) keep those entries in step (<see cref="IDerivedEntries"/>), so index reads see the
/// transaction's own writes too.
/// </summary>
internal sealed class TransactionView : OverlaySnapshot
{
    private readonly StoreBatchRuntime _writes;
    private int _applied;
    private int _rollbacks;

    /// <summary>A view whose engine snapshot is taken at the first read that reaches the engine (<see cref="CreateInner"/>).</summary>
    public TransactionView(StorageEngine engine, StoreBatchRuntime writes)
        : base(engine, inner: null)
    {
        _writes = writes;
    }

    /// <summary>The transaction's recorded writes (what it has not committed yet): its change-feed reads append their changes.</summary>
    internal WriteSet PendingWrites => _writes.PendingWrites;

    protected override void Refresh()
    {
        WriteSet writes = _writes.PendingWrites;
        if (_writes.Rollbacks != _rollbacks || writes.Count < _applied)
        {
            ClearWrites();
            _applied = 0;
            _rollbacks = _writes.Rollbacks;
        }

        for (; _applied < writes.Count; _applied++)
        {
            ref readonly WriteOp op = ref writes.Op(_applied);
            IDerivedEntries? derived = op.Table.DerivedEntries;
            derived?.BeforeOp(this, writes, _applied);
            switch (op.Kind)
            {
                case WriteOpKind.Put:
                    Put(op.ColumnFamily, writes.Key(_applied), writes.Value(_applied));
                    break;
                case WriteOpKind.Delete:
                    Delete(op.ColumnFamily, writes.Key(_applied));
                    break;
                default:
                    DeleteRange(op.ColumnFamily, writes.Key(_applied), writes.Value(_applied));
                    break;
            }

            derived?.AfterOp(this, writes, _applied);
        }
    }

    // Before an async read: the tables that derive entries from their rows (indexes) read the previous state of the rows
    // the new ops change with the engine's async members first, so the synchronous refresh then reads nothing from the
    // engine. Without such ops this is the synchronous refresh (it reads nothing), complete on return.
    protected override ValueTask RefreshAsync(CancellationToken cancellationToken)
    {
        WriteSet writes = _writes.PendingWrites;
        int from = _writes.Rollbacks != _rollbacks || writes.Count < _applied ? 0 : _applied;
        for (int op = from; op < writes.Count; op++)
        {
            if (writes.Op(op).Table.DerivedEntries is not null)
            {
                return PrefetchThenRefreshAsync(writes, from, cancellationToken);
            }
        }

        Refresh();
        return default;
    }

    private async ValueTask PrefetchThenRefreshAsync(WriteSet writes, int from, CancellationToken cancellationToken)
    {
        try
        {
            int to = writes.Count;
            foreach (IDerivedEntries derived in DerivedEntriesOf(writes, from, to))
            {
                await derived.PrefetchAsync(this, writes, from, to, cancellationToken).ConfigureAwait(false);
            }

            Refresh();
        }
        finally
        {
            ForgetPrefetched();
        }
    }

    // The distinct tables among ops [from, to) that derive entries (a transaction writes a few tables: a list is enough).
    private static List<IDerivedEntries> DerivedEntriesOf(WriteSet writes, int from, int to)
    {
        List<IDerivedEntries> derived = [];
        for (int op = from; op < to; op++)
        {
            IDerivedEntries? entries = writes.Op(op).Table.DerivedEntries;
            if (entries is not null && !derived.Contains(entries))
            {
                derived.Add(entries);
            }
        }

        return derived;
    }

    // The transaction's snapshot is taken when it first reads the store, not when it begins: a transaction is placed in
    // time by what it read, and one that never reads the store (it only writes, or reads only its own writes) read
    // nothing that could change, so it commits like a batch (docs/transactions.md, "Costs").
    protected override StorageSnapshot CreateInner() => Engine.CreateSnapshot();

    // An async read takes it without blocking a thread (a network engine asks its cluster for the current revision).
    protected override ValueTask<StorageSnapshot> CreateInnerAsync(CancellationToken cancellationToken) => Engine.CreateSnapshotAsync(cancellationToken);

    // The inner snapshot belongs to the transaction, which disposes it.
    protected override void Dispose(bool disposing)
    {
    }
}
