using System.Runtime.CompilerServices;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The async enumeration of an index query: the index's entries in a range, a page at a time
/// (<see cref="PagedEntries"/>), and for each page one <c>GetManyAsync</c> of their rows, entries and rows through one
/// snapshot (the context's, or one taken with <see cref="StorageEngine.CreateSnapshotAsync"/> at the first step and
/// released when disposed). A row whose entry is no longer this one is skipped, as in the synchronous query.
/// </summary>
/// <remarks>Rows within a page are handed out synchronously; only a page of entries and its rows can wait on the engine.</remarks>
internal sealed class IndexRowScan<TRow, TKey, TCodec> : IAsyncEnumerator<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableIndexes<TRow, TKey, TCodec> _indexes;
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly int _index;
    private readonly byte[] _lower;
    private readonly byte[] _upper;
    private readonly bool _reverse;
    private readonly int _firstPageEntries;
    private readonly CancellationToken _cancellationToken;
    private StorageSnapshot? _snapshot;
    private StorageSnapshot? _ownSnapshot;
    private PagedEntries? _entries;
    private IReadOnlyList<(bool Found, TRow Row)> _rows = [];
    private int _position;
    private bool _finished;
    private TRow _current = default!;

    public IndexRowScan(TableIndexes<TRow, TKey, TCodec> indexes, TableCore<TRow, TKey, TCodec> table, int index, byte[] lower, byte[] upper, bool reverse, StorageSnapshot? snapshot, int firstPageEntries, CancellationToken cancellationToken)
    {
        _indexes = indexes;
        _table = table;
        _index = index;
        _lower = lower;
        _upper = upper;
        _reverse = reverse;
        _snapshot = snapshot;
        _firstPageEntries = firstPageEntries;
        _cancellationToken = cancellationToken;
    }

    public TRow Current => _current;

    /// <summary>The index entry of <see cref="Current"/> (a page's continuation is its entry).</summary>
    public ReadOnlySpan<byte> CurrentEntry => _entries!.Page.GetKey(_position);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync()
    {
        if (_finished)
        {
            return false;
        }

        try
        {
            if (_entries is null)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_snapshot is null)
                {
                    _ownSnapshot = await _table.Store.Engine.CreateSnapshotAsync(_cancellationToken).ConfigureAwait(false);
                    _snapshot = _ownSnapshot;
                }

                _entries = new PagedEntries(_table.Store.Engine, _indexes.ColumnFamily(_index), _lower, _upper, _reverse, _snapshot, _firstPageEntries);
                _position = -1;
            }
            else
            {
                _table.Store.ThrowIfDisposed();
            }

            while (true)
            {
                while (++_position < _rows.Count)
                {
                    if (_rows[_position].Found)
                    {
                        _current = _rows[_position].Row;
                        return true;
                    }
                }

                if (!await _entries.ReadNextAsync(_cancellationToken).ConfigureAwait(false))
                {
                    Finish();
                    return false;
                }

                _rows = await ReadRowsAsync(_entries.Page).ConfigureAwait(false);
                _position = -1;
            }
        }
        catch
        {
            Finish();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Finish();
        return default;
    }

    // The rows of a page of entries with one GetManyAsync; a row found whose entry is not the one read is dropped.
    private async ValueTask<IReadOnlyList<(bool Found, TRow Row)>> ReadRowsAsync(StoragePage page)
    {
        TKey[] keys = new TKey[page.Count];
        byte[][] rowKeys = new byte[page.Count][];
        for (int i = 0; i < page.Count; i++)
        {
            rowKeys[i] = _indexes.RowKeyOf(_index, page.GetKey(i), page.GetValue(i)).ToArray();
            keys[i] = _table.DecodeKey(rowKeys[i]);
        }

        IReadOnlyList<(bool Found, TRow Row)> rows = await _table.Reader.GetManyAsync(
            new EngineSnapshotContext(_snapshot), keys, static key => key, static row => (true, row), _cancellationToken).ConfigureAwait(false);
        (bool Found, TRow Row)[] checkedRows = new (bool, TRow)[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            (bool found, TRow row) = rows[i];
            checkedRows[i] = found && _indexes.IsEntryOf(_index, row, rowKeys[i], page.GetKey(i)) ? (true, row) : default;
        }

        return checkedRows;
    }

    private void Finish()
    {
        _finished = true;
        _current = default!;
        _rows = [];
        _entries?.Dispose();
        _entries = null;
        _ownSnapshot?.Dispose();
        _ownSnapshot = null;
    }
}
