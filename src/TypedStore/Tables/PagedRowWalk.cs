using System.Runtime.CompilerServices;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The async walk over the visible rows of a key range of a table with read features (or of any table when deleted rows
/// are asked for): the async form of the synchronous scans' walk (<see cref="TableEntryScan{TRow, TKey, TCodec, TContext}"/>,
/// the queries' key walk). Rows come through the table's <see cref="RowReader"/> over pages
/// (<see cref="PagedRowCursor"/>), so a soft-delete table's row and marker are merged as in the synchronous path;
/// deleted rows are skipped unless included, and rows a read filter hides (expired stream rows) are skipped, judged by
/// one "now" taken when the walk starts.
/// </summary>
/// <remarks>
/// Every page is read through one snapshot: the context's, or one the walk takes with
/// <see cref="StorageEngine.CreateSnapshotAsync"/> at its first step and releases when disposed, so the rows are of
/// one moment as in a synchronous scan. Not thread-safe.
/// </remarks>
internal sealed class PagedRowWalk<TRow, TKey, TCodec> : IDisposable
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly byte[] _lower;
    private readonly byte[] _upper;
    private readonly bool _reverse;
    private readonly bool _includeDeleted;
    private readonly bool _copyValues;
    private readonly bool _decodesKey;
    private readonly int _firstPageEntries;
    private StorageSnapshot? _snapshot;
    private StorageSnapshot? _ownSnapshot;
    private PagedRowCursor? _cursor;
    private long _now;
    private bool _finished;

    /// <summary>A walk of [<paramref name="lower"/>, <paramref name="upper"/>); nothing is read before the first step.</summary>
    /// <param name="table">The table.</param>
    /// <param name="lower">The inclusive start (empty: open).</param>
    /// <param name="upper">The exclusive end (empty: open).</param>
    /// <param name="reverse">Whether the walk runs from the end.</param>
    /// <param name="includeDeleted">Whether soft-deleted rows are visible.</param>
    /// <param name="snapshot">The context's snapshot; <see langword="null"/> takes one of the walk's own.</param>
    /// <param name="copyValues">Whether whole values are kept (rows are decoded); otherwise only headers.</param>
    /// <param name="decodeKeys">Whether each row's key parts are decoded (<see cref="KeyParts"/>).</param>
    /// <param name="firstPageEntries">How many entries the first page asks for.</param>
    public PagedRowWalk(TableCore<TRow, TKey, TCodec> table, byte[] lower, byte[] upper, bool reverse, bool includeDeleted, StorageSnapshot? snapshot, bool copyValues, bool decodeKeys, int firstPageEntries)
    {
        _table = table;
        _lower = lower;
        _upper = upper;
        _reverse = reverse;
        _includeDeleted = includeDeleted;
        _snapshot = snapshot;
        _copyValues = copyValues;
        _decodesKey = decodeKeys || table.FiltersNeedKey;
        _firstPageEntries = firstPageEntries;
    }

    /// <summary>The current row's encoded key.</summary>
    public ReadOnlySpan<byte> Key => _cursor!.Step.Key;

    /// <summary>The current row's stored value (only its header unless values are copied).</summary>
    public ReadOnlyMemory<byte> Value => _cursor!.Step.Value;

    /// <summary>The current row's key parts (decoded when asked for, or when a filter needs them).</summary>
    public TKey KeyParts { get; private set; }

    /// <summary>The current row's value header.</summary>
    public ValueHeader Header { get; private set; }

    /// <summary>Whether the current row is soft-deleted (by a marker beside it, or by its header).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>When a marker beside it deleted the current row; <see langword="null"/> otherwise.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Moves to the next visible row; <see langword="false"/> at the end of the range.</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_finished)
            {
                return new ValueTask<bool>(false);
            }

            if (_cursor is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_snapshot is null)
                {
                    ValueTask<StorageSnapshot> taking = _table.Store.Engine.CreateSnapshotAsync(cancellationToken);
                    if (!taking.IsCompletedSuccessfully)
                    {
                        return StartAfter(taking, cancellationToken);
                    }

                    Start(taking.Result);
                }
                else
                {
                    Start(null);
                }
            }
            else
            {
                _table.Store.ThrowIfDisposed();
            }

            return MoveToVisible(cancellationToken);
        }
        catch (Exception error)
        {
            Dispose();
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _finished = true;
        _cursor?.Dispose();
        _cursor = null;
        _ownSnapshot?.Dispose();
        _ownSnapshot = null;
    }

    private void Start(StorageSnapshot? own)
    {
        if (own is not null)
        {
            _ownSnapshot = own;
            _snapshot = own;
        }

        TableCore<TRow, TKey, TCodec> table = _table;
        _now = table.ReadNow();
        _cursor = new PagedRowCursor(table.RowReader, table.Descriptor.Name, table.Store.Engine, table.ColumnFamily, _lower, _upper, _reverse, _snapshot, _copyValues, _firstPageEntries);
    }

    private async ValueTask<bool> StartAfter(ValueTask<StorageSnapshot> taking, CancellationToken cancellationToken)
    {
        try
        {
            StorageSnapshot snapshot = await taking.ConfigureAwait(false);
            if (_finished)
            {
                // Disposed while the snapshot was on its way.
                snapshot.Dispose();
                return false;
            }

            Start(snapshot);
            return await MoveToVisible(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    // Steps until a row that is visible: loops synchronously while pages are already loaded (or the engine answers at
    // once), and awaits only a page the engine has not answered yet.
    private ValueTask<bool> MoveToVisible(CancellationToken cancellationToken)
    {
        PagedRowCursor cursor = _cursor!;
        while (true)
        {
            ValueTask<bool> moved = cursor.MoveNextAsync(cancellationToken);
            if (!moved.IsCompletedSuccessfully)
            {
                return MoveAfter(moved, cancellationToken);
            }

            if (!moved.Result)
            {
                Dispose();
                return new ValueTask<bool>(false);
            }

            if (IsVisible())
            {
                return new ValueTask<bool>(true);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> MoveAfter(ValueTask<bool> moved, CancellationToken cancellationToken)
    {
        try
        {
            while (await moved.ConfigureAwait(false))
            {
                if (IsVisible())
                {
                    return true;
                }

                moved = _cursor!.MoveNextAsync(cancellationToken);
            }

            Dispose();
            return false;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    // The synchronous walk's test of one step (TableEntryScan, the queries' KeyWalk): a marker without its row is never
    // a row; a deleted row only when deleted rows are asked for; a row a filter hides never.
    private bool IsVisible()
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        IRowCursor step = _cursor!.Step;
        if (!step.HasRow || (step.IsDeleted && !_includeDeleted))
        {
            return false;
        }

        ReadOnlySpan<byte> key = step.Key;
        // The header is always read: the cursor keeps at least it, and a row may be flagged deleted there.
        ValueHeader header = table.ReadHeader(step.Value.Span, key);
        bool deleted = step.IsDeleted || header.IsDeleted;
        if (deleted && !_includeDeleted)
        {
            return false;
        }

        TKey keyParts = _decodesKey ? table.DecodeKey(key) : default;
        if (table.HasReadFilters && table.IsHidden(keyParts, header, _now))
        {
            return false;
        }

        KeyParts = keyParts;
        Header = header;
        IsDeleted = deleted;
        DeletedAt = step.IsDeleted ? new DateTimeOffset(step.DeletedUtcTicks, TimeSpan.Zero) : null;
        return true;
    }
}
