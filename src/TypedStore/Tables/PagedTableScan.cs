using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The async enumeration of a table whose rows are stored alone (no read features): the rows of a key range, read a
/// page at a time through <see cref="PagedEntries"/> and decoded as <see cref="TableScan{TRow, TKey, TCodec, TContext}"/>
/// decodes them. Rows within a page are handed out synchronously; only a page read can wait on the engine.
/// </summary>
/// <remarks>
/// Read without a snapshot of the caller's (the store's latest state), a walk that may take more than one page reads
/// every page through one engine snapshot of its own, taken at the first <see cref="MoveNextAsync"/> and released by
/// <see cref="DisposeAsync"/>, so the rows are of one moment as in a synchronous scan.
/// </remarks>
internal sealed class PagedTableScan<TRow, TKey, TCodec> : IAsyncEnumerator<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly byte[] _lower;
    private readonly byte[] _upper;
    private readonly bool _reverse;
    private readonly StorageSnapshot? _snapshot;
    private readonly int _firstPageEntries;
    private readonly CancellationToken _cancellationToken;
    private PagedEntries? _entries;
    private StorageSnapshot? _ownSnapshot;
    private ValueBuffer? _buffer;
    private int _index;
    private bool _finished;
    private TRow _current = default!;

    public PagedTableScan(TableCore<TRow, TKey, TCodec> table, byte[] lower, byte[] upper, bool reverse, StorageSnapshot? snapshot, int firstPageEntries, CancellationToken cancellationToken)
    {
        _table = table;
        _lower = lower;
        _upper = upper;
        _reverse = reverse;
        _snapshot = snapshot;
        _firstPageEntries = firstPageEntries;
        _cancellationToken = cancellationToken;
    }

    public TRow Current => _current;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_finished)
        {
            return new ValueTask<bool>(false);
        }

        try
        {
            if (_entries is null)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_snapshot is null && _firstPageEntries > 1)
                {
                    // The snapshot is asked for without blocking: on a remote engine it is a round trip.
                    ValueTask<StorageSnapshot> taking = _table.Store.Engine.CreateSnapshotAsync(_cancellationToken);
                    if (!taking.IsCompletedSuccessfully)
                    {
                        return StartAfter(taking);
                    }

                    _ownSnapshot = taking.Result;
                }

                Open();
            }
            else
            {
                _table.Store.ThrowIfDisposed();
            }

            while (true)
            {
                if (TryNextOnPage())
                {
                    return new ValueTask<bool>(true);
                }

                ValueTask<bool> next = _entries!.ReadNextAsync(_cancellationToken);
                if (!next.IsCompleted)
                {
                    return AwaitPage(next);
                }

                if (!next.GetAwaiter().GetResult())
                {
                    Finish();
                    return new ValueTask<bool>(false);
                }

                _index = -1;
            }
        }
        catch (Exception error)
        {
            Finish();
            return ValueTask.FromException<bool>(error);
        }
    }

    public ValueTask DisposeAsync()
    {
        Finish();
        return default;
    }

    private void Open()
    {
        _entries = new PagedEntries(_table.Store.Engine, _table.ColumnFamily, _lower, _upper, _reverse, _snapshot ?? _ownSnapshot, _firstPageEntries);
        _buffer = new ValueBuffer();
        _index = int.MaxValue;
    }

    private async ValueTask<bool> StartAfter(ValueTask<StorageSnapshot> taking)
    {
        StorageSnapshot snapshot;
        try
        {
            snapshot = await taking.ConfigureAwait(false);
        }
        catch
        {
            Finish();
            throw;
        }

        if (_finished)
        {
            // Disposed while the snapshot was on its way.
            snapshot.Dispose();
            return false;
        }

        _ownSnapshot = snapshot;
        Open();
        return await MoveNextAsync().ConfigureAwait(false);
    }

    private async ValueTask<bool> AwaitPage(ValueTask<bool> next)
    {
        try
        {
            while (await next.ConfigureAwait(false))
            {
                _index = -1;
                if (TryNextOnPage())
                {
                    return true;
                }

                next = _entries!.ReadNextAsync(_cancellationToken);
            }

            Finish();
            return false;
        }
        catch
        {
            Finish();
            throw;
        }
    }

    // The next row of the page read last (rows flagged deleted in their header are skipped, as TableScan does).
    private bool TryNextOnPage()
    {
        StoragePage page = _entries!.Page;
        while (_index != int.MaxValue && ++_index < page.Count)
        {
            ReadOnlySpan<byte> key = page.GetKey(_index);
            ReadOnlySpan<byte> value = page.GetValue(_index);
            if (_table.ReadHeader(value, key).IsDeleted)
            {
                continue;
            }

            TKey keyParts = _table.DecodeKey(key);

            // MessagePackReader reads memory, not spans: copy the value into this enumeration's own buffer.
            ValueBuffer buffer = _buffer!;
            buffer.Clear();
            value.CopyTo(buffer.GetSpan(value.Length));
            buffer.Advance(value.Length);
            _current = _table.DecodeRow(key, keyParts, buffer.WrittenMemory);
            return true;
        }

        return false;
    }

    private void Finish()
    {
        _finished = true;
        _current = default!;
        _entries?.Dispose();
        _entries = null;
        _ownSnapshot?.Dispose();
        _ownSnapshot = null;
        _buffer?.Dispose();
        _buffer = null;
    }
}
