using TypedStore.Storage;
using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// <c>PurgeDeletedAsync</c> holds the soft-delete gate across its awaited page reads and commit, and enters it with
/// <c>EnterPurgeAsync</c> (no thread blocked): a writer that arrives during a chunk waits for its commit, and a chunk
/// waits for a writer already inside its commit. Deterministic: the engine holds a page read or a write until the test
/// releases it, so each side is caught exactly inside the other's critical section.
/// </summary>
public sealed class PurgeGateAsyncTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_writer_arriving_during_a_purge_chunk_waits_and_is_not_lost()
    {
        ManualTimeProvider clock = new(T0);
        HoldingEngineProvider provider = new();
        using BulkStore store = BulkStore.Open(provider, new StoreOptions { TimeProvider = clock });
        store.BulkEvents.PutMany([new BulkEvent("a", 1, "first"), new BulkEvent("a", 2, "second")]);
        store.BulkEvents.Delete("a", 1);
        store.BulkEvents.Delete("a", 2);
        clock.Now = T0.AddSeconds(10);
        HoldingEngine engine = provider.Engine!;

        Task held = engine.HoldNextPage();
        ValueTask<long> purge = store.BulkEvents.PurgeDeletedAsync(T0.AddSeconds(5));
        await held; // the chunk holds the gate and waits for its page

        // A put of a row the chunk is about to remove: it must wait for the chunk's commit, then land.
        ValueTask put = store.BulkEvents.PutAsync(new BulkEvent("a", 1, "again"));
        Assert.False(put.IsCompleted, "the put did not wait for the purge chunk");
        engine.Release();
        Assert.Equal(2, await purge);
        await put;

        Assert.Equal("again", store.BulkEvents.Get("a", 1)?.Label);
        Assert.Null(store.BulkEvents.GetEntry("a", 2));
        Assert.Equal(
            [ChangeKind.Put, ChangeKind.Put, ChangeKind.SoftDelete, ChangeKind.SoftDelete, ChangeKind.Purge, ChangeKind.Purge, ChangeKind.Put],
            store.BulkEvents.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public async Task A_purge_chunk_waits_for_a_writer_inside_its_commit()
    {
        ManualTimeProvider clock = new(T0);
        HoldingEngineProvider provider = new();
        using BulkStore store = BulkStore.Open(provider, new StoreOptions { TimeProvider = clock });
        store.BulkEvents.Put(new BulkEvent("a", 1, "first"));
        store.BulkEvents.Delete("a", 1);
        clock.Now = T0.AddSeconds(10);
        HoldingEngine engine = provider.Engine!;

        // A restore inside its commit (the gate held as a writer, the engine write not yet done).
        Task held = engine.HoldNextWrite();
        ValueTask restore = store.BulkEvents.RestoreAsync("a", 1);
        await held;

        ValueTask<long> purge = store.BulkEvents.PurgeDeletedAsync(T0.AddSeconds(5));
        Assert.False(purge.IsCompleted, "the purge did not wait for the writer");
        engine.Release();
        await restore;

        // The purge read after the restore: the row is live, nothing is removed.
        Assert.Equal(0, await purge);
        Assert.Equal("first", store.BulkEvents.Get("a", 1)?.Label);
    }

    [Fact]
    public async Task A_purge_cancelled_while_writers_drain_leaves_the_gate_open()
    {
        ManualTimeProvider clock = new(T0);
        HoldingEngineProvider provider = new();
        using BulkStore store = BulkStore.Open(provider, new StoreOptions { TimeProvider = clock });
        store.BulkEvents.Put(new BulkEvent("a", 1, "first"));
        store.BulkEvents.Delete("a", 1);
        HoldingEngine engine = provider.Engine!;

        Task held = engine.HoldNextWrite();
        ValueTask restore = store.BulkEvents.RestoreAsync("a", 1);
        await held;
        using CancellationTokenSource cancel = new();
        ValueTask<long> purge = store.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue, cancel.Token);
        Assert.False(purge.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => purge.AsTask());
        engine.Release();
        await restore;

        // The gate is free again: a writer and a later purge both go through.
        store.BulkEvents.Delete("a", 1);
        clock.Now = T0.AddSeconds(10);
        Assert.Equal(1, await store.BulkEvents.PurgeDeletedAsync(T0.AddSeconds(5)));
        Assert.Null(store.BulkEvents.GetEntry("a", 1));
    }

    /// <summary>The memory engine, whose next page read or async write can be held until the test releases it.</summary>
    private sealed class HoldingEngine(StorageEngine inner) : ForwardingStorageEngine(inner)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _pageHeld;
        private TaskCompletionSource? _writeHeld;

        /// <summary>The next <see cref="ReadPageAsync"/> waits for <see cref="Release"/>; the task completes once it waits.</summary>
        public Task HoldNextPage()
        {
            _pageHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _pageHeld.Task;
        }

        /// <summary>The next <see cref="WriteAsync"/> waits for <see cref="Release"/>; the task completes once it waits.</summary>
        public Task HoldNextWrite()
        {
            _writeHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writeHeld.Task;
        }

        public void Release() => _released.TrySetResult();

        public override async ValueTask ReadPageAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> lowerBound, ReadOnlyMemory<byte> upperBound, bool reverse, int maxEntries, StoragePage page, StorageSnapshot? snapshot = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _pageHeld, null) is { } held)
            {
                held.SetResult();
                await _released.Task;
            }

            await Inner.ReadPageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, snapshot, cancellationToken);
        }

        public override async ValueTask WriteAsync(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _writeHeld, null) is { } held)
            {
                held.SetResult();
                await _released.Task;
            }

            await Inner.WriteAsync(batch, durability, cancellationToken);
        }
    }

    private sealed class HoldingEngineProvider : StorageEngineProvider
    {
        public HoldingEngine? Engine { get; private set; }

        public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
        {
            Engine = new HoldingEngine(MemoryEngineProvider.Instance.Open(columnFamilies, options));
            return Engine;
        }
    }
}
