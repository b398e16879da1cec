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
        => StoreRuntime.OpenRocksDb(typeof(TStore).Name, StorePath, tables, options, build);

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
}
