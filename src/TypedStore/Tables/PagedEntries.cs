using TypedStore.Storage;
using TypedStore.Storage.Overlay;

namespace TypedStore.Tables;

/// <summary>
/// Walks a key range of one column family a page at a time through <see cref="StorageEngine.ReadPageAsync"/>: what the
/// async scans and counts of tables without read features run on. Each page continues from the last key of the one
/// before (forward: that key followed by a 0x00 byte, the next possible key; reverse: below that key), so no page
/// needs state in the engine. Pages grow from <c>firstPageEntries</c> up to <see cref="MaxPageEntries"/>, so a read
/// that stops early (a first row) asks for little and a long one makes few round trips.
/// </summary>
/// <remarks>
/// One cursor is one walk; not thread-safe. The engine completes the page synchronously on RocksDB and memory, and
/// <see cref="ReadNextAsync"/> then returns a completed task. Disposing returns the page's pooled buffers.
/// </remarks>
internal sealed class PagedEntries : IDisposable
{
    /// <summary>The most entries one page asks for.</summary>
    public const int MaxPageEntries = 512;

    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _columnFamily;
    private readonly byte[] _lower;
    private readonly byte[] _upper;
    private readonly bool _reverse;
    private readonly StorageSnapshot? _snapshot;
    private readonly StoragePage _page = new();
    private int _pageEntries;

    // Where the next page starts (a copy of the last key, plus the 0x00 byte forward): the page is cleared by the read.
    private byte[] _resume = [];
    private bool _started;

    public PagedEntries(StorageEngine engine, StorageColumnFamily columnFamily, byte[] lower, byte[] upper, bool reverse, StorageSnapshot? snapshot, int firstPageEntries)
    {
        _engine = engine;
        _columnFamily = columnFamily;
        _lower = lower;
        _upper = upper;
        _reverse = reverse;
        _snapshot = snapshot;
        _pageEntries = Math.Clamp(firstPageEntries, 1, MaxPageEntries);
    }

    /// <summary>The page read last.</summary>
    public StoragePage Page => _page;

    /// <summary>
    /// Reads the next page into <see cref="Page"/>; <see langword="false"/> when the range holds no more entries.
    /// </summary>
    public ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (_started && !_page.HasMore)
        {
            return new ValueTask<bool>(false);
        }

        ReadOnlyMemory<byte> lower = _lower;
        ReadOnlyMemory<byte> upper = _upper;
        if (_started)
        {
            ReadOnlySpan<byte> last = _page.LastKey;
            int length = _reverse ? last.Length : last.Length + 1;
            if (_resume.Length < length)
            {
                _resume = new byte[Math.Max(length, 64)];
            }

            last.CopyTo(_resume);
            if (_reverse)
            {
                upper = _resume.AsMemory(0, length);
            }
            else
            {
                _resume[last.Length] = 0;
                lower = _resume.AsMemory(0, length);
            }
        }

        _started = true;
        int entries = _pageEntries;
        _pageEntries = Math.Min(entries * 2, MaxPageEntries);
        ValueTask read = OverlaySnapshot.ReadPageThroughAsync(_engine, _columnFamily, lower, upper, _reverse, entries, _page, _snapshot, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            read.GetAwaiter().GetResult();
            return new ValueTask<bool>(_page.Count > 0);
        }

        return AwaitPage(read);
    }

    public void Dispose() => _page.Dispose();

    /// <summary>Counts the entries of a range, a page at a time, through one snapshot (its own when none is given).</summary>
    public static ValueTask<long> CountAsync(StorageEngine engine, StorageColumnFamily columnFamily, byte[] lower, byte[] upper, StorageSnapshot? snapshot, int pageEntries, CancellationToken cancellationToken)
    {
        StorageSnapshot? own = null;
        if (snapshot is null)
        {
            // Asked for without blocking: on a remote engine the snapshot is a round trip.
            ValueTask<StorageSnapshot> taking = engine.CreateSnapshotAsync(cancellationToken);
            if (!taking.IsCompletedSuccessfully)
            {
                return CountAfterSnapshotAsync(engine, columnFamily, lower, upper, taking, pageEntries, cancellationToken);
            }

            own = taking.Result;
        }

        PagedEntries entries = new(engine, columnFamily, lower, upper, reverse: false, snapshot ?? own, pageEntries);
        long count = 0;
        try
        {
            while (true)
            {
                ValueTask<bool> next = entries.ReadNextAsync(cancellationToken);
                if (!next.IsCompleted)
                {
                    PagedEntries pending = entries;
                    StorageSnapshot? pendingSnapshot = own;
                    entries = null!;
                    own = null;
                    return CountRestAsync(pending, pendingSnapshot, next, count, cancellationToken);
                }

                if (!next.GetAwaiter().GetResult())
                {
                    return new ValueTask<long>(count);
                }

                count += entries.Page.Count;
            }
        }
        finally
        {
            entries?.Dispose();
            own?.Dispose();
        }
    }

    private static async ValueTask<long> CountAfterSnapshotAsync(StorageEngine engine, StorageColumnFamily columnFamily, byte[] lower, byte[] upper, ValueTask<StorageSnapshot> taking, int pageEntries, CancellationToken cancellationToken)
    {
        using StorageSnapshot own = await taking.ConfigureAwait(false);
        return await CountAsync(engine, columnFamily, lower, upper, own, pageEntries, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<long> CountRestAsync(PagedEntries entries, StorageSnapshot? own, ValueTask<bool> next, long count, CancellationToken cancellationToken)
    {
        try
        {
            while (await next.ConfigureAwait(false))
            {
                count += entries.Page.Count;
                next = entries.ReadNextAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            entries.Dispose();
            own?.Dispose();
        }
    }

    private async ValueTask<bool> AwaitPage(ValueTask read)
    {
        await read.ConfigureAwait(false);
        return _page.Count > 0;
    }
}
