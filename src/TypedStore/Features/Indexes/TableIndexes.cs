using System.Diagnostics.CodeAnalysis;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The indexes of one table (docs/indexes.md), the feature object generated code reaches as <c>TableCore.Indexes</c>
/// (null for tables without indexes): scans, counts and unique lookups in any read context, <see cref="Verify"/>, and
/// the build and drop the open runs. Index <c>i</c> is the table's <c>i</c>-th declared index.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated row codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class TableIndexes<TRow, TKey, TCodec> : IIndexedTable
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly TableIndex<TRow>[] _indexes;
    private readonly StorageColumnFamily[] _columnFamilies;
    private readonly bool[] _unique;
    private readonly IndexQueryReader<TRow, TKey, TCodec>[] _queries;

    internal TableIndexes(TableCore<TRow, TKey, TCodec> table, TableIndex<TRow>[] indexes)
    {
        IReadOnlyList<IndexDescriptor> declared = table.Descriptor.Indexes;
        if (indexes.Length != declared.Count)
        {
            throw new ArgumentException($"Table '{table.Descriptor.Name}' declares {declared.Count} indexes but {indexes.Length} index codecs were given.", nameof(indexes));
        }

        _table = table;
        _indexes = indexes;
        _columnFamilies = new StorageColumnFamily[indexes.Length];
        _unique = new bool[indexes.Length];
        _queries = new IndexQueryReader<TRow, TKey, TCodec>[indexes.Length];
        for (int i = 0; i < indexes.Length; i++)
        {
            _unique[i] = declared[i].Unique;
            if (indexes[i].Name != declared[i].Name)
            {
                throw new ArgumentException($"Table '{table.Descriptor.Name}': index codec {i} is '{indexes[i].Name}', the descriptor's index {i} is '{declared[i].Name}'.", nameof(indexes));
            }

            _columnFamilies[i] = table.Store.Engine.GetColumnFamily(IndexDescriptor.ColumnFamilyName(table.Descriptor.Name, declared[i].Name));
            _queries[i] = new IndexQueryReader<TRow, TKey, TCodec>(this, table, i, declared[i].Name);
        }

        Maintenance = new IndexMaintenance<TRow, TKey, TCodec>(table, indexes, _columnFamilies);
    }

    /// <summary>The write side: the table's interceptor and commit step.</summary>
    internal IndexMaintenance<TRow, TKey, TCodec> Maintenance { get; }

    /// <inheritdoc/>
    TableDescriptor IIndexedTable.Descriptor => _table.Descriptor;

    /// <summary>
    /// The query reader of index <paramref name="index"/>: what a generated index query (<c>ByX.Scan(...)</c>) runs on,
    /// rows in index order (docs/indexes.md, "Queries").
    /// </summary>
    public Queries.QueryReader<TRow> Query(int index) => _queries[index];

    /// <summary>The column family of index <paramref name="index"/>.</summary>
    internal StorageColumnFamily ColumnFamily(int index) => _columnFamilies[index];

    /// <summary>
    /// The rows whose entry in index <paramref name="index"/> starts with <paramref name="prefix"/> (an encoded entry
    /// prefix: user id and leading index parts), in index order. Lazy; the engine iterator is bounded to the prefix.
    /// </summary>
    public IEnumerable<TRow> Scan<TContext>(in TContext context, int index, ReadOnlySpan<byte> prefix)
        where TContext : struct, IReadContext
    {
        _table.Store.ThrowIfDisposed();
        return ScanRows(context, index, prefix.ToArray());
    }

    /// <summary>The number of entries of index <paramref name="index"/> under <paramref name="prefix"/>; keys only, nothing decoded.</summary>
    public long Count<TContext>(in TContext context, int index, ReadOnlySpan<byte> prefix)
        where TContext : struct, IReadContext
    {
        StorageSnapshot? snapshot = context.Snapshot;

        // The bound is no longer than the prefix; prefixes are short, and a long one (a long string part) gets an array.
        Span<byte> upper = prefix.Length <= 256 ? stackalloc byte[256] : new byte[prefix.Length];
        ReadOnlySpan<byte> upperBound = KeyRange.TryGetPrefixUpperBound(prefix, upper, out int written) ? upper[..written] : default;
        using StorageIterator iterator = _table.Store.Engine.CreateIterator(_columnFamilies[index], prefix, upperBound, snapshot);
        long count = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The row of unique index <paramref name="index"/> whose entry prefix is <paramref name="prefix"/> (every part
    /// given). When <paramref name="pointLookup"/> (no part is null, so the entry is keyed by its value): one point
    /// read of the entry and one of the row; otherwise the first row of a scan under the prefix.
    /// </summary>
    public bool TryGet<TContext>(in TContext context, int index, ReadOnlySpan<byte> prefix, bool pointLookup, [MaybeNullWhen(false)] out TRow row)
        where TContext : struct, IReadContext
    {
        if (!pointLookup || !_unique[index])
        {
            using IEnumerator<TRow> rows = Scan(context, index, prefix).GetEnumerator();
            if (rows.MoveNext())
            {
                row = rows.Current;
                return true;
            }

            row = default;
            return false;
        }

        StorageSnapshot? snapshot = context.Snapshot;
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            if (!_table.Store.Engine.TryGet(_columnFamilies[index], prefix, buffer, snapshot))
            {
                row = default;
                return false;
            }

            if (!IndexEntry.TryGetRowKey(prefix, buffer.WrittenSpan, out ReadOnlySpan<byte> rowKey))
            {
                throw CorruptEntry(index, prefix, "its value does not hold the row key");
            }

            return TryFetch(context, index, prefix, rowKey, out row);
        }
        finally
        {
            ValueBuffer.Return(buffer);
        }
    }

    private IEnumerable<TRow> ScanRows<TContext>(TContext context, int index, byte[] prefix)
        where TContext : struct, IReadContext
    {
        StorageSnapshot? snapshot = context.Snapshot;
        byte[] upper = new byte[prefix.Length];
        byte[]? upperBound = KeyRange.TryGetPrefixUpperBound(prefix, upper, out int written) ? upper[..written] : null;
        using StorageIterator iterator = _table.Store.Engine.CreateIterator(_columnFamilies[index], prefix, upperBound, snapshot);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            if (Fetch(context, index, iterator, out TRow? row))
            {
                yield return row!;
            }
        }
    }

    /// <summary>The row the iterator's entry points at; <see langword="false"/> when it changed since (see <see cref="TryFetch"/>).</summary>
    internal bool Fetch<TContext>(in TContext context, int index, StorageIterator iterator, out TRow? row)
        where TContext : struct, IReadContext
    {
        ReadOnlySpan<byte> entry = iterator.Key;
        if (!IndexEntry.TryGetRowKey(entry, iterator.Value, out ReadOnlySpan<byte> rowKey))
        {
            throw CorruptEntry(index, entry, "its value does not give the row key");
        }

        return TryFetch(context, index, entry, rowKey, out row);
    }

    // The row an entry points at, read in the same context as the entry. On the store itself (no snapshot) the row may
    // have changed since the entry was read: a row whose entry is no longer this one is skipped, as it no longer matches.
    private bool TryFetch<TContext>(in TContext context, int index, ReadOnlySpan<byte> entry, ReadOnlySpan<byte> rowKey, [MaybeNullWhen(false)] out TRow row)
        where TContext : struct, IReadContext
    {
        TKey key = _table.DecodeKey(rowKey);
        if (_table.Reader.TryGet(context, key, out row)
            && IndexEntry.Create(_table.Descriptor.Name, _indexes[index], _unique[index], row, rowKey, out _, out _).AsSpan().SequenceEqual(entry))
        {
            return true;
        }

        row = default;
        return false;
    }

    private CorruptDataException CorruptEntry(int index, ReadOnlySpan<byte> entry, string reason)
    {
        string rendered = KeyDisplay.Render(entry);
        string table = _table.Descriptor.Name;
        return new CorruptDataException($"Table '{table}', index '{_indexes[index].Name}': the entry {rendered} is corrupt ({reason}). Verify() reports every such entry.")
        {
            Table = table,
            Key = rendered,
        };
    }
}
