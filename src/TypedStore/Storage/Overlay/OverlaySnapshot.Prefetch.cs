using System.Buffers;
using TypedStore.Values;

namespace TypedStore.Storage.Overlay;

/// <content>
/// Values read ahead from the snapshot under the overlay, for an async refresh: an owner whose <see cref="Refresh"/>
/// derives entries from the rows it lays over (an index) reads those rows' previous state with one
/// <see cref="StorageEngine.GetManyAsync"/> first (<see cref="PrefetchAsync"/>), and the synchronous refresh that follows
/// finds them here instead of reading the engine (<see cref="TryGetCurrent"/>, <see cref="ContainsCurrent"/>). The
/// snapshot never changes, so what was read ahead stays true; it is forgotten after the refresh to hold no memory.
/// </content>
/// <remarks>
/// Outside an async refresh nothing is read ahead and the synchronous reads only test one field for null. A key the
/// refresh needs that was not read ahead is read from the engine synchronously, as before: reading ahead saves round
/// trips, it never decides an answer.
/// </remarks>
internal abstract partial class OverlaySnapshot
{
    private Dictionary<StorageColumnFamily, Dictionary<byte[], byte[]?>>? _prefetched;

    /// <summary>
    /// Brings the pending writes up to date before an async read without blocking a thread on the engine; the default
    /// runs <see cref="Refresh"/> (which reads nothing from the engine for an owner that derives nothing).
    /// </summary>
    protected virtual ValueTask RefreshAsync(CancellationToken cancellationToken)
    {
        Refresh();
        return default;
    }

    /// <summary>
    /// Reads <paramref name="keys"/> from the snapshot under the overlay with one <see cref="StorageEngine.GetManyAsync"/>
    /// (taking the snapshot with <see cref="CreateInnerAsync"/> when no read took it yet) and keeps their values for the
    /// refresh that follows. Nothing is recorded as read: these are the refresh's reads, not the transaction's.
    /// </summary>
    internal async ValueTask PrefetchAsync(StorageColumnFamily columnFamily, IReadOnlyList<byte[]> keys, CancellationToken cancellationToken)
    {
        StorageSnapshot inner = _inner ?? await TakeInnerAsync(cancellationToken).ConfigureAwait(false);
        int count = keys.Count;
        if (count == 0)
        {
            return;
        }

        int[] keyLengths = ArrayPool<int>.Shared.Rent(count);
        int[] valueLengths = ArrayPool<int>.Shared.Rent(count);
        ValueBuffer packed = new();
        ValueBuffer values = new();
        try
        {
            for (int i = 0; i < count; i++)
            {
                byte[] key = keys[i];
                keyLengths[i] = key.Length;
                key.CopyTo(packed.GetSpan(key.Length));
                packed.Advance(key.Length);
            }

            await Engine.GetManyAsync(columnFamily, packed.WrittenMemory, keyLengths.AsMemory(0, count), values, valueLengths.AsMemory(0, count), inner, cancellationToken)
                .ConfigureAwait(false);

            _prefetched ??= [];
            if (!_prefetched.TryGetValue(columnFamily, out Dictionary<byte[], byte[]?>? family))
            {
                family = new Dictionary<byte[], byte[]?>(PrefetchKeyComparer.Instance);
                _prefetched.Add(columnFamily, family);
            }

            int offset = 0;
            for (int i = 0; i < count; i++)
            {
                int length = valueLengths[i];
                family[keys[i]] = length < 0 ? null : values.WrittenSpan.Slice(offset, length).ToArray();
                offset += Math.Max(length, 0);
            }
        }
        finally
        {
            values.Dispose();
            packed.Dispose();
            ArrayPool<int>.Shared.Return(valueLengths);
            ArrayPool<int>.Shared.Return(keyLengths);
        }
    }

    /// <summary>
    /// The value of <paramref name="key"/> at the snapshot when it was read ahead (<see cref="PrefetchAsync"/>):
    /// true with <paramref name="value"/> (null when the key is absent there); false when it was not read ahead.
    /// </summary>
    internal bool TryGetPrefetched(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, out byte[]? value)
    {
        value = null;
        return _prefetched is not null
            && _prefetched.TryGetValue(columnFamily, out Dictionary<byte[], byte[]?>? family)
            && family.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out value);
    }

    /// <summary>Forgets what was read ahead (after the refresh that used it).</summary>
    protected void ForgetPrefetched() => _prefetched = null;

    // Byte-array keys compared by content, looked up by span (no copy per lookup).
    private sealed class PrefetchKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static PrefetchKeyComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            HashCode hash = default;
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
