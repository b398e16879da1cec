using System.Buffers;
using TypedStore.Values;

namespace TypedStore.Storage.Overlay;

/// <content>
/// The async point reads of an overlay (a transaction's <c>GetAsync</c>, <c>ExistsAsync</c>, <c>GetManyAsync</c>): the
/// pending writes answer first, as in the synchronous reads; what they do not decide is read with the engine's async
/// members at the snapshot under the overlay, which the first such read takes with
/// <see cref="StorageEngine.CreateSnapshotAsync"/>. Keys read from the snapshot are recorded for validation exactly as
/// the synchronous reads record them, so a transaction commits (or conflicts) the same whichever form it read with.
/// </content>
/// <remarks>
/// The pending writes are brought up to date with <see cref="RefreshAsync"/>: laying recorded ops over the view reads
/// nothing, except for a table whose features derive entries from its rows (an index), whose previous rows the owner reads
/// ahead with one <see cref="StorageEngine.GetManyAsync"/> (OverlaySnapshot.Prefetch.cs).
/// </remarks>
internal abstract partial class OverlaySnapshot
{
    /// <summary>Takes the snapshot under the overlay without blocking a thread; the default takes it with <see cref="CreateInner"/>.</summary>
    protected virtual ValueTask<StorageSnapshot> CreateInnerAsync(CancellationToken cancellationToken) => new(CreateInner());

    /// <summary>
    /// The async form of <see cref="TryGet"/>: appends the value of <paramref name="key"/> as the overlay sees it to
    /// <paramref name="destination"/>. <paramref name="key"/> must stay unchanged until the task completes.
    /// </summary>
    public ValueTask<bool> TryGetAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ValueTask refresh = RefreshAsync(cancellationToken);
        if (!refresh.IsCompletedSuccessfully)
        {
            return RefreshThenTryGetAsync(refresh, columnFamily, key, destination, cancellationToken);
        }

        refresh.GetAwaiter().GetResult();
        return TryGetRefreshedAsync(columnFamily, key, destination, cancellationToken);
    }

    // The read itself, once the pending writes are up to date.
    private ValueTask<bool> TryGetRefreshedAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, CancellationToken cancellationToken)
    {
        if (TryAnswerPending(columnFamily, key.Span, destination, out bool pending))
        {
            return new ValueTask<bool>(pending);
        }

        if (_inner is null)
        {
            return TakeInnerThenTryGetAsync(columnFamily, key, destination, cancellationToken);
        }

        int before = destination.WrittenCount;
        ValueTask<bool> read = Engine.TryGetAsync(columnFamily, key, destination, _inner, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return RecordAfter(read, columnFamily, key, destination, before);
        }

        bool found = read.Result;
        RecordRead(columnFamily, key.Span, found, destination, before);
        return new ValueTask<bool>(found);
    }

    /// <summary>
    /// The async form of a get-many through the overlay (<see cref="StorageEngine.GetMany"/>'s packed keys and results):
    /// the pending writes answer the keys they decide, the others are read with one
    /// <see cref="StorageEngine.GetManyAsync"/> at the snapshot under the overlay.
    /// </summary>
    public async ValueTask GetManyAsync(
        StorageColumnFamily columnFamily, ReadOnlyMemory<byte> keys, ReadOnlyMemory<int> keyLengths, ValueBuffer values, Memory<int> valueLengths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        int count = keyLengths.Length;
        int[] engineLengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        int[] engineValueLengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        ValueBuffer engineKeys = new();
        ValueBuffer engineValues = new();
        ValueBuffer answered = new();
        try
        {
            // Pass 1: what the pending writes decide (kept aside in `answered`), and the keys left for the engine.
            int[] answeredLengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
            try
            {
                int misses = 0;
                int offset = 0;
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> key = keys.Span.Slice(offset, keyLengths.Span[i]);
                    offset += keyLengths.Span[i];
                    int before = answered.WrittenCount;
                    if (TryAnswerPending(columnFamily, key, answered, out bool found))
                    {
                        answeredLengths[i] = found ? answered.WrittenCount - before : -1;
                        continue;
                    }

                    answeredLengths[i] = int.MinValue; // read from the engine
                    engineLengths[misses] = key.Length;
                    key.CopyTo(engineKeys.GetSpan(key.Length));
                    engineKeys.Advance(key.Length);
                    misses++;
                }

                if (misses > 0)
                {
                    StorageSnapshot inner = _inner ?? await TakeInnerAsync(cancellationToken).ConfigureAwait(false);
                    await Engine.GetManyAsync(
                        columnFamily, engineKeys.WrittenMemory, engineLengths.AsMemory(0, misses), engineValues, engineValueLengths.AsMemory(0, misses), inner, cancellationToken).ConfigureAwait(false);
                }

                // Pass 2: the results in input order; each key read from the snapshot is recorded for validation.
                int answeredOffset = 0;
                int engineValueOffset = 0;
                int engineKeyOffset = 0;
                int miss = 0;
                for (int i = 0; i < count; i++)
                {
                    int before = values.WrittenCount;
                    ReadOnlySpan<byte> value;
                    bool found;
                    if (answeredLengths[i] != int.MinValue)
                    {
                        found = answeredLengths[i] >= 0;
                        value = found ? answered.WrittenSpan.Slice(answeredOffset, answeredLengths[i]) : default;
                        answeredOffset += Math.Max(answeredLengths[i], 0);
                    }
                    else
                    {
                        int length = engineValueLengths[miss];
                        found = length >= 0;
                        value = found ? engineValues.WrittenSpan.Slice(engineValueOffset, length) : default;
                        engineValueOffset += Math.Max(length, 0);
                        ReadOnlySpan<byte> key = engineKeys.WrittenSpan.Slice(engineKeyOffset, engineLengths[miss]);
                        engineKeyOffset += engineLengths[miss];
                        miss++;
                        ReadKeys.Add(columnFamily, key, found ? SnapshotValue.Of(value) : SnapshotValue.Absent);
                    }

                    if (found)
                    {
                        value.CopyTo(values.GetSpan(value.Length));
                        values.Advance(value.Length);
                    }

                    valueLengths.Span[i] = found ? values.WrittenCount - before : -1;
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(answeredLengths);
            }
        }
        finally
        {
            answered.Dispose();
            engineValues.Dispose();
            engineKeys.Dispose();
            ArrayPool<int>.Shared.Return(engineValueLengths);
            ArrayPool<int>.Shared.Return(engineLengths);
        }
    }

    // The first read that reaches the engine takes the snapshot under the overlay. A transaction is one flow at a time,
    // so nothing else can have taken it meanwhile; if something did, the later snapshot goes.
    private async ValueTask<StorageSnapshot> TakeInnerAsync(CancellationToken cancellationToken)
    {
        StorageSnapshot taken = await CreateInnerAsync(cancellationToken).ConfigureAwait(false);
        if (_inner is not null)
        {
            taken.Dispose();
            return _inner;
        }

        _inner = taken;
        return taken;
    }

    private async ValueTask<bool> RefreshThenTryGetAsync(
        ValueTask refresh, StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, CancellationToken cancellationToken)
    {
        await refresh.ConfigureAwait(false);
        return await TryGetRefreshedAsync(columnFamily, key, destination, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<bool> TakeInnerThenTryGetAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, CancellationToken cancellationToken)
    {
        StorageSnapshot inner = await TakeInnerAsync(cancellationToken).ConfigureAwait(false);
        int before = destination.WrittenCount;
        bool found = await Engine.TryGetAsync(columnFamily, key, destination, inner, cancellationToken).ConfigureAwait(false);
        RecordRead(columnFamily, key.Span, found, destination, before);
        return found;
    }

    private async ValueTask<bool> RecordAfter(ValueTask<bool> read, StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, int before)
    {
        bool found = await read.ConfigureAwait(false);
        RecordRead(columnFamily, key.Span, found, destination, before);
        return found;
    }

    // A key read from the snapshot, with the value it had there: validated at commit (as the synchronous TryGet records it).
    private void RecordRead(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, bool found, ValueBuffer destination, int before)
        => ReadKeys.Add(columnFamily, key, found ? SnapshotValue.Of(destination.WrittenSpan[before..]) : SnapshotValue.Absent);
}
