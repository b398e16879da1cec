using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// The open-failure suite on RocksDB, where a leaked engine is visible: its LOCK stays held, and RocksDB refuses to
/// open the directory again in this process until a GC happens to finalize it. Every check reopens at once, no GC.
/// </summary>
public sealed class RocksDbOpenFailureTests : OpenFailureTests
{
    private readonly TempDirectory _directory = new();

    private string StorePath => _directory.Sub("store");

    internal override OpenFailureStore OpenGenerated(StoreOptions? options) => Track(OpenFailureStore.Open(StorePath, options));

    internal override TStore OpenThroughRuntime<TStore>(IReadOnlyList<TableDescriptor> tables, StoreOptions? options, Func<StoreRuntime, TStore> build)
        => StoreRuntime.Open(typeof(TStore).Name, new RocksDbEngineProvider(StorePath), tables, options, build);

    // The directory opens again right now: the failed open released its LOCK without waiting for a finalizer.
    internal override void AssertReleased() => OpenFailureStore.Open(StorePath).Dispose();

    // Validation comes before RocksDB is called, so not even the directory (or a LOCK or LOG file in it) exists.
    internal override void AssertNothingCreated() => Assert.False(Directory.Exists(StorePath), "a refused open created the store directory");

    protected override void DisposeLocation() => _directory.Dispose();

    [Fact]
    public void TimerCreationFails_InTheGeneratedOpen_ThePathOpensAgainAtOnce()
    {
        Assert.Throws<TypedStoreException>(
            () => OpenGenerated(new StoreOptions { TimeProvider = new TimerRefusingTimeProvider(), StreamEvictionInterval = Interval }));

        AssertReleased();
    }

    [Fact]
    public void SixtyDayInterval_IsRefused_AndThePathOpensAtOnce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenGenerated(new StoreOptions { StreamEvictionInterval = TimeSpan.FromDays(60) }));

        AssertNothingCreated();
        AssertReleased();
    }

    [Fact]
    public void CatalogMismatch_InTheGeneratedOpen_ReleasesTheLock_AndKeepsTheRows()
    {
        using (OpenFailureStore store = OpenFailureStore.Open(StorePath))
        {
            store.OpenFailureItems.Put(new OpenFailureItem("a", "kept", 3));
        }

        Assert.Throws<SchemaMismatchException>(
            () => OpenFailureRetypedStore.Open(StorePath, new StoreOptions { TimeProvider = Clock, StreamEvictionInterval = Interval }));

        Assert.Empty(Clock.Timers);
        using OpenFailureStore reopened = OpenFailureStore.Open(StorePath);
        Assert.Equal("kept", reopened.OpenFailureItems.Get("a")?.Name);
    }

    [Fact]
    public void LockedPath_OpenFails_TheOpenStoreKeepsWorking_AndThePathOpensOnceItCloses()
    {
        OpenFailureStore first = OpenFailureStore.Open(StorePath);
        first.OpenFailureItems.Put(new OpenFailureItem("a", "first", 1));

        Assert.Throws<StoreLockedException>(
            () => OpenFailureStore.Open(StorePath, new StoreOptions { TimeProvider = Clock, StreamEvictionInterval = Interval }));

        Assert.Empty(Clock.Timers);
        Assert.Equal("first", first.OpenFailureItems.Get("a")?.Name);
        first.Dispose();
        AssertReleased();
    }

    public static TheoryData<long> InvalidBlockCacheSizes => [-1, long.MinValue];

    public static TheoryData<long> BlockCacheSizesAtTheirLimits => [0, 1, long.MaxValue];

    [Theory]
    [MemberData(nameof(InvalidBlockCacheSizes))]
    public void InvalidRocksDbOption_IsRefusedNamingItsRange_BeforeAnythingOpens(long blockCacheBytes)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Track(OpenFailureStore.Open(StorePath, new RocksDbOptions { BlockCacheBytes = blockCacheBytes })));

        Assert.Equal("BlockCacheBytes", error.ParamName);
        Assert.Contains("RocksDbOptions.BlockCacheBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 (the engine's default) or a positive", error.Message, StringComparison.Ordinal);
        AssertNothingCreated();

        // The provider itself refuses it, so nothing reaches the runtime.
        Assert.Throws<ArgumentOutOfRangeException>(() => new RocksDbEngineProvider(StorePath, new RocksDbOptions { BlockCacheBytes = blockCacheBytes }));
        AssertNothingCreated();
    }

    [Theory]
    [MemberData(nameof(BlockCacheSizesAtTheirLimits))]
    public void RocksDbOptionAtItsLimit_Opens_AndTheStoreWorks(long blockCacheBytes)
    {
        using (OpenFailureStore store = Track(OpenFailureStore.Open(StorePath, new RocksDbOptions { BlockCacheBytes = blockCacheBytes })))
        {
            store.OpenFailureItems.Put(new OpenFailureItem("a", "limit", 1));
            Assert.Equal("limit", store.OpenFailureItems.Get("a")?.Name);
        }

        AssertReleased();
    }

    [Fact]
    public void ProviderOpenThrows_TheErrorLeavesOpen_NothingIsBuilt_AndThePathOpensAtOnce()
    {
        bool built = false;
        var failure = new InvalidOperationException("the provider failed");

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => OpenFailureStore.Open(new ThrowingProvider(failure)));
        Assert.Same(failure, error);
        Assert.Throws<InvalidOperationException>(() => StoreRuntime.Open("OpenFailureStore", new ThrowingProvider(failure), OpenFailureStore.Descriptors, null, r =>
        {
            built = true;
            return OpenFailureStore.Build(r);
        }));

        Assert.False(built);
        AssertNothingCreated();
        AssertReleased();
    }

    [Fact]
    public void ProviderReturnsAnEngineWithoutAColumnFamily_TheOpenFailsNamingIt_AndReleasesTheEngine()
    {
        var provider = new ColumnFamilyDroppingProvider(StorePath, drop: "open_failure_feed");

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => OpenFailureStore.Open(provider));

        Assert.Contains("'open_failure_feed'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OpenFailureStore", error.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.Opened);
        Assert.Throws<ObjectDisposedException>(() => provider.Opened.ColumnFamilies);
        AssertReleased();
    }

    private sealed class ThrowingProvider(Exception failure) : StorageEngineProvider
    {
        public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options) => throw failure;
    }

    // Opens the real store minus one of the column families it is asked for.
    private sealed class ColumnFamilyDroppingProvider(string path, string drop) : StorageEngineProvider
    {
        public StorageEngine? Opened { get; private set; }

        public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
            => Opened = new RocksDbEngineProvider(path).Open([.. columnFamilies.Where(name => name != drop)], options);
    }
}
