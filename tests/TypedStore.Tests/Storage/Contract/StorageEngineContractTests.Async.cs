using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Storage.Contract;

/// <summary>The async members agree with the synchronous ones; on the local engines they complete synchronously.</summary>
public abstract partial class StorageEngineContractTests
{
    [Fact]
    public async Task TryGetAsync_AgreesWithTryGet_AndCompletesSynchronously()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var large = Pattern(100_000);
        engine.Put(alpha, Bytes("small"), Bytes("v"));
        engine.Put(alpha, Bytes("large"), large);
        using var snapshot = engine.CreateSnapshot();
        engine.Delete(alpha, Bytes("small"));
        using var buffer = new ValueBuffer();

        foreach (var (key, view) in new[] { ("small", snapshot), ("small", null), ("large", null), ("missing", (StorageSnapshot?)null) })
        {
            buffer.Clear();
            var pending = engine.TryGetAsync(alpha, Bytes(key), buffer, view);
            Assert.True(!AsyncMembersCompleteSynchronously || pending.IsCompletedSuccessfully);
            var found = await pending;
            var asyncValue = buffer.WrittenSpan.ToArray();
            buffer.Clear();
            Assert.Equal(engine.TryGet(alpha, Bytes(key), buffer, view), found);
            Assert.Equal(buffer.WrittenSpan.ToArray(), asyncValue);
        }
    }

    [Fact]
    public async Task CreateSnapshotAsync_PinsTheStateOfItsCall_LikeCreateSnapshot()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("kept"), Bytes("before"));
        engine.Put(alpha, Bytes("removed"), Bytes("x"));

        var pending = engine.CreateSnapshotAsync();
        Assert.True(!AsyncMembersCompleteSynchronously || pending.IsCompletedSuccessfully);
        using var snapshot = await pending;
        engine.Put(alpha, Bytes("kept"), Bytes("after"));
        engine.Delete(alpha, Bytes("removed"));
        engine.Put(alpha, Bytes("added"), Bytes("y"));
        using var buffer = new ValueBuffer();

        Assert.True(engine.TryGet(alpha, Bytes("kept"), buffer, snapshot));
        Assert.Equal(Bytes("before"), buffer.WrittenSpan.ToArray());
        buffer.Clear();
        Assert.True(await engine.TryGetAsync(alpha, Bytes("removed"), buffer, snapshot));
        buffer.Clear();
        Assert.False(engine.TryGet(alpha, Bytes("added"), buffer, snapshot));
        Assert.True(engine.TryGet(alpha, Bytes("added"), buffer));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => (await engine.CreateSnapshotAsync(cancelled.Token)).Dispose());
    }

    [Fact]
    public async Task GetManyAsync_AgreesWithGetMany()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("a"), Bytes("1"));
        engine.Put(alpha, Bytes("b"), Pattern(70_000));
        string[] keys = ["b", "missing", "a", "a"];
        var (packed, lengths) = Pack(keys);
        using var buffer = new ValueBuffer();
        var valueLengths = new int[keys.Length];

        var pending = engine.GetManyAsync(alpha, packed, lengths, buffer, valueLengths);
        Assert.True(!AsyncMembersCompleteSynchronously || pending.IsCompletedSuccessfully);
        await pending;

        Assert.Equal(GetMany(engine, alpha, null, keys), Unpack(buffer, valueLengths));
    }

    [Fact]
    public async Task WriteAsync_AppliesTheBatchAtomically_LikeWrite()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        engine.Put(alpha, Bytes("gone"), Bytes("x"));
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("a"), Bytes("1"));
        batch.Put(beta, Bytes("b"), Bytes("2"));
        batch.Delete(alpha, Bytes("gone"));

        var pending = engine.WriteAsync(batch, WriteDurability.Synced);
        Assert.True(!AsyncMembersCompleteSynchronously || pending.IsCompletedSuccessfully);
        await pending;

        Assert.Equal(Bytes("1"), Read(engine, alpha, Bytes("a")));
        Assert.Equal(Bytes("2"), Read(engine, beta, Bytes("b")));
        Assert.False(engine.Contains(alpha, Bytes("gone")));
    }

    [Fact]
    public async Task ReadPageAsync_PagesThroughARange_LikeAnIterator_BothDirections()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        for (var i = 0; i < 25; i++)
        {
            engine.Put(alpha, [(byte)'k', (byte)i], Pattern(i));
        }

        engine.Put(alpha, Bytes("a-below"), Bytes("x"));
        engine.Put(alpha, Bytes("z-above"), Bytes("x"));
        byte[] lower = [(byte)'k', 3];
        byte[] upper = [(byte)'k', 20];
        using var snapshot = engine.CreateSnapshot();
        engine.Put(alpha, [(byte)'k', 10], Bytes("written after the snapshot"));

        foreach (var reverse in new[] { false, true })
        {
            var expected = new List<string>();
            using (var iterator = engine.CreateIterator(alpha, lower, upper, snapshot))
            {
                for (Start(reverse, iterator); iterator.IsValid; Move(reverse, iterator))
                {
                    expected.Add(Convert.ToHexString(iterator.Key) + "=" + Convert.ToHexString(iterator.Value));
                }
            }

            var paged = new List<string>();
            using var page = new StoragePage();
            byte[] pageLower = lower;
            byte[] pageUpper = upper;
            var pages = 0;
            do
            {
                var pending = engine.ReadPageAsync(alpha, pageLower, pageUpper, reverse, maxEntries: 4, page, snapshot);
                Assert.True(!AsyncMembersCompleteSynchronously || pending.IsCompletedSuccessfully);
                await pending;
                pages++;
                for (var i = 0; i < page.Count; i++)
                {
                    paged.Add(Convert.ToHexString(page.GetKey(i)) + "=" + Convert.ToHexString(page.GetValue(i)));
                }

                // The continuation is expressed with the bounds alone.
                if (reverse)
                {
                    pageUpper = page.LastKey.ToArray();
                }
                else
                {
                    pageLower = [.. page.LastKey, 0];
                }
            }
            while (page.HasMore);

            Assert.Equal(17, expected.Count);
            Assert.Equal(5, pages);
            Assert.Equal(expected, paged);
        }

        static void Start(bool reverse, StorageIterator iterator)
        {
            if (reverse)
            {
                iterator.SeekToLast();
            }
            else
            {
                iterator.SeekToFirst();
            }
        }

        static void Move(bool reverse, StorageIterator iterator)
        {
            if (reverse)
            {
                iterator.Previous();
            }
            else
            {
                iterator.Next();
            }
        }
    }

    [Fact]
    public async Task ReadPageAsync_AnEmptyRange_GivesAnEmptyPageWithNothingMore()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var page = new StoragePage();
        page.Add(Bytes("stale"), Bytes("entry"));

        await engine.ReadPageAsync(alpha, default, default, reverse: false, maxEntries: 10, page);

        Assert.Equal(0, page.Count);
        Assert.False(page.HasMore);
        Assert.True(page.LastKey.IsEmpty);
    }

    [Fact]
    public async Task AsyncMembers_ReportFailuresThroughTheTask_AndACancelledTokenDoesNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var buffer = new ValueBuffer();
        using var page = new StoragePage();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using (var batch = engine.CreateWriteBatch())
        {
            batch.Put(alpha, Bytes("a"), Bytes("1"));
            var write = engine.WriteAsync(batch, WriteDurability.Default, cancelled.Token);
            Assert.True(write.IsCanceled);
            Assert.False(engine.Contains(alpha, Bytes("a")));
        }

        Assert.True(engine.TryGetAsync(alpha, Bytes("a"), buffer, null, cancelled.Token).IsCanceled);

        // Argument errors surface when awaited, as from an async method.
        var badPage = engine.ReadPageAsync(alpha, default, default, reverse: false, maxEntries: 0, page);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await badPage);

        engine.Dispose();
        var afterDispose = engine.TryGetAsync(alpha, Bytes("a"), buffer);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await afterDispose);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await engine.GetManyAsync(alpha, Bytes("a"), new[] { 1 }, buffer, new int[1]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await engine.ReadPageAsync(alpha, default, default, reverse: true, maxEntries: 1, page));
    }
}
