using TypedStore.Values;

namespace TypedStore.Storage;

/// <summary>
/// The async members a remote engine needs: a point read, a get-many, an atomic write and paged iteration. Local
/// engines keep the defaults, which run the synchronous member and return an already completed
/// <see cref="ValueTask"/>: no <see cref="Task"/> and no state machine is allocated on that path.
/// </summary>
/// <remarks>
/// As in an <see langword="async"/> method, failures (including argument errors and <see cref="ObjectDisposedException"/>)
/// are reported through the returned task, not thrown by the call; a token already cancelled gives a cancelled task and
/// does nothing. Iteration is paged rather than a cursor because a remote engine answers a range request with a page
/// (etcd's range with a limit), and a page needs no server-side state between calls.
/// </remarks>
public abstract partial class StorageEngine
{
    /// <summary>
    /// The async form of <see cref="CreateSnapshot"/>: a consistent read view of the engine as of now. A remote engine
    /// asks its cluster for the current revision; a local engine takes its snapshot at once.
    /// </summary>
    public virtual ValueTask<StorageSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<StorageSnapshot>(cancellationToken);
        }

        try
        {
            return new ValueTask<StorageSnapshot>(CreateSnapshot());
        }
        catch (Exception error)
        {
            return ValueTask.FromException<StorageSnapshot>(error);
        }
    }

    /// <summary>The async form of <see cref="TryGet"/>: appends the value of <paramref name="key"/> to <paramref name="destination"/>.</summary>
    /// <returns><see langword="true"/> when the key was found.</returns>
    public virtual ValueTask<bool> TryGetAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> key,
        ValueBuffer destination,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            return new ValueTask<bool>(TryGet(columnFamily, key.Span, destination, snapshot));
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <summary>The async form of <see cref="GetMany"/>, with the same packed keys and results.</summary>
    public virtual ValueTask GetManyAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> keys,
        ReadOnlyMemory<int> keyLengths,
        ValueBuffer values,
        Memory<int> valueLengths,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            GetMany(columnFamily, keys.Span, keyLengths.Span, values, valueLengths.Span, snapshot);
            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>The async form of <see cref="Write"/>: applies every operation of <paramref name="batch"/> atomically, in order.</summary>
    public virtual ValueTask WriteAsync(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(batch, durability);
            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="Put"/>. The default writes a batch of one entry with <see cref="WriteAsync"/>, so an
    /// engine that implements <see cref="WriteAsync"/> has an async put with nothing more; an engine that completes
    /// synchronously and whose single put is cheaper than a batch of one overrides it with
    /// <see cref="PutSynchronously"/> (RocksDB and memory do).
    /// </summary>
    /// <remarks><paramref name="key"/> and <paramref name="value"/> must stay unchanged until the task completes.</remarks>
    public virtual ValueTask PutAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> key,
        ReadOnlyMemory<byte> value,
        WriteDurability durability = WriteDurability.Default,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        StorageWriteBatch batch = RentWriteBatch();
        ValueTask write;
        try
        {
            batch.Put(columnFamily, key.Span, value.Span);
            write = WriteAsync(batch, durability, cancellationToken);
        }
        catch (Exception error)
        {
            ReturnWriteBatch(batch);
            return ValueTask.FromException(error);
        }

        if (write.IsCompleted)
        {
            ReturnWriteBatch(batch);
            return write;
        }

        return ReturnAfter(write, batch);
    }

    /// <summary>
    /// <see cref="PutAsync"/> as <see cref="Put"/> and a completed task (failures through the task): what an engine
    /// that completes synchronously returns from its <see cref="PutAsync"/> override.
    /// </summary>
    protected ValueTask PutSynchronously(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, WriteDurability durability, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Put(columnFamily, key.Span, value.Span, durability);
            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>
    /// Reads one page of a column family: up to <paramref name="maxEntries"/> entries with keys in
    /// [<paramref name="lowerBound"/>, <paramref name="upperBound"/>) (an empty bound is open), in key order or, with
    /// <paramref name="reverse"/>, in reverse key order. <paramref name="page"/> is cleared, then receives the entries
    /// and <see cref="StoragePage.HasMore"/>.
    /// </summary>
    /// <remarks>
    /// The next page continues from <see cref="StoragePage.LastKey"/> with the bounds alone: forward, the lower bound
    /// becomes the last key followed by a 0x00 byte (the next possible key); in reverse, the upper bound becomes the
    /// last key. Pages read without a snapshot each see the state of their own moment; pass one snapshot to every page
    /// for one consistent scan. The default implementation reads the page with one <see cref="CreateIterator"/>.
    /// </remarks>
    public virtual ValueTask ReadPageAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            ArgumentNullException.ThrowIfNull(page);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
            page.Clear();
            using StorageIterator iterator = CreateIterator(columnFamily, lowerBound.Span, upperBound.Span, snapshot);
            if (reverse)
            {
                iterator.SeekToLast();
            }
            else
            {
                iterator.SeekToFirst();
            }

            while (iterator.IsValid && page.Count < maxEntries)
            {
                page.Add(iterator.Key, iterator.Value);
                if (reverse)
                {
                    iterator.Previous();
                }
                else
                {
                    iterator.Next();
                }
            }

            page.HasMore = iterator.IsValid;
            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    private async ValueTask ReturnAfter(ValueTask write, StorageWriteBatch batch)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            ReturnWriteBatch(batch);
        }
    }
}
