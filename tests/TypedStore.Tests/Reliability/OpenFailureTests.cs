using TypedStore.Tables;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// A failed open leaves nothing behind (issue 10, finding 6): every failure inside <c>Open</c>/<c>OpenInMemory</c>
/// — the catalog check, building the tables, starting the eviction timer, anything the generated store does while
/// it is built — releases what the open had acquired before the exception propagates, and stopping the timer
/// comes before closing the engine. Written once and run on both engines: RocksDB proves the release by opening the
/// same directory again at once, in-process and with no GC (RocksDB refuses a second open while the first one's
/// LOCK is held); memory by the engine having been disposed. Invalid options: OpenFailureTests.Options.cs.
/// </summary>
public abstract partial class OpenFailureTests : IDisposable
{
    /// <summary>A background eviction interval well inside its range.</summary>
    protected static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly List<IDisposable> _opened = [];

    internal ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeLocation();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens <see cref="OpenFailureStore"/> the way an application does: the generated Open (at this test's directory) or OpenInMemory.</summary>
    internal abstract OpenFailureStore OpenGenerated(StoreOptions? options);

    /// <summary>
    /// Opens at this test's location through the runtime's factory, the one path every generated Open takes;
    /// <paramref name="build"/> stands for the generated constructor (and may fail where it could).
    /// </summary>
    internal abstract TStore OpenThroughRuntime<TStore>(IReadOnlyList<TableDescriptor> tables, StoreOptions? options, Func<StoreRuntime, TStore> build)
        where TStore : class;

    /// <summary>Asserts that what the last open through the runtime acquired is released: RocksDB opens the directory again now; memory's engine was disposed.</summary>
    internal abstract void AssertReleased();

    protected abstract void DisposeLocation();

    internal T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    [Fact]
    public void TimerCreationFails_OpenThrowsNamingTheStoreAndOption_AndReleasesEverything()
    {
        var clock = new TimerRefusingTimeProvider();
        StoreRuntime? runtime = null;

        TypedStoreException error = Assert.Throws<TypedStoreException>(() => OpenThroughRuntime(
            OpenFailureStore.Descriptors,
            new StoreOptions { TimeProvider = clock, StreamEvictionInterval = Interval },
            r =>
            {
                runtime = r;
                return OpenFailureStore.Build(r);
            }));

        Assert.IsType<InjectedFailureException>(error.InnerException);
        Assert.Contains("'OpenFailureStore'", error.Message, StringComparison.Ordinal);
        Assert.Contains("StoreOptions.StreamEvictionInterval", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, clock.Attempts);
        Assert.NotNull(runtime);
        Assert.True(runtime.IsDisposed);
        AssertReleased();
    }

    [Fact]
    public void TimerCreationFails_InTheGeneratedOpen_ThrowsNamingTheStoreAndOption()
    {
        TypedStoreException error = Assert.Throws<TypedStoreException>(
            () => Track(OpenGenerated(new StoreOptions { TimeProvider = new TimerRefusingTimeProvider(), StreamEvictionInterval = Interval })));

        Assert.IsType<InjectedFailureException>(error.InnerException);
        Assert.Contains("'OpenFailureStore'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureAfterTheTimerStarted_StopsTheTimer_AndReleasesTheEngine()
    {
        var failure = new InjectedFailureException("injected: building the store failed after its tables were built");
        StoreRuntime? runtime = null;

        InjectedFailureException error = Assert.Throws<InjectedFailureException>(() => OpenThroughRuntime<OpenFailureStore>(
            OpenFailureStore.Descriptors,
            new StoreOptions { TimeProvider = Clock, StreamEvictionInterval = Interval },
            r =>
            {
                runtime = r;
                OpenFailureStore.Build(r); // every table built: the timer is running, the change log is set up
                throw failure;
            }));

        Assert.Same(failure, error);
        ManualTimer timer = Assert.Single(Clock.Timers);
        Assert.True(timer.IsDisposed);
        Assert.True(runtime!.IsDisposed);
        AssertReleased();
    }

    [Fact]
    public void CatalogMismatch_FailsBeforeAnyTableIsBuilt_ReleasesTheEngine_AndKeepsTheRows()
    {
        using (OpenFailureStore store = OpenThroughRuntime(OpenFailureStore.Descriptors, null, OpenFailureStore.Build))
        {
            store.OpenFailureItems.Put(new OpenFailureItem("a", "kept", 3));
        }

        bool built = false;
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => OpenThroughRuntime(
            OpenFailureRetypedStore.Descriptors,
            new StoreOptions { TimeProvider = Clock, StreamEvictionInterval = Interval },
            r =>
            {
                built = true;
                return OpenFailureRetypedStore.Build(r);
            }));

        Assert.Contains("open_failure_items", error.Message, StringComparison.Ordinal);
        Assert.Equal("Count", error.Member);
        Assert.False(built);
        Assert.Empty(Clock.Timers);
        AssertReleased();

        using OpenFailureStore reopened = OpenThroughRuntime(OpenFailureStore.Descriptors, null, OpenFailureStore.Build);
        Assert.Equal(new OpenFailureItem("a", "kept", 3), reopened.OpenFailureItems.Get("a"));
    }

    [Fact]
    public void ANewBuildWhoseOpenFailsLater_RecordsNothing_SoThePreviousBuildStillOpens()
    {
        using (OpenFailureStore store = OpenThroughRuntime(OpenFailureStore.Descriptors, null, OpenFailureStore.Build))
        {
            store.OpenFailureItems.Put(new OpenFailureItem("a", "kept", 3));
        }

        // The new build's schema (a member appended) passes the catalog check; the open fails afterwards, starting its timer.
        Assert.Throws<TypedStoreException>(() => OpenThroughRuntime(
            OpenFailureAppendedStore.Descriptors,
            new StoreOptions { TimeProvider = new TimerRefusingTimeProvider(), StreamEvictionInterval = Interval },
            OpenFailureAppendedStore.Build));
        AssertReleased();

        // Before: the failed open had recorded schema version 2, and the previous build was refused ("member 'Note' was removed").
        using (OpenFailureStore previous = OpenThroughRuntime(OpenFailureStore.Descriptors, null, OpenFailureStore.Build))
        {
            Assert.Equal(new OpenFailureItem("a", "kept", 3), previous.OpenFailureItems.Get("a"));
        }

        using OpenFailureAppendedStore upgraded = OpenThroughRuntime(OpenFailureAppendedStore.Descriptors, null, OpenFailureAppendedStore.Build);
        Assert.Equal(new OpenFailureItemAppended("a", "kept", 3, null), upgraded.OpenFailureItems.Get("a"));
    }

    [Fact]
    public void StoppingTheTimerFails_DisposeStillReleasesTheEngine()
    {
        var clock = new TimerDisposeFailingTimeProvider();
        OpenFailureStore store = OpenThroughRuntime(
            OpenFailureStore.Descriptors, new StoreOptions { TimeProvider = clock, StreamEvictionInterval = Interval }, OpenFailureStore.Build);

        Assert.Throws<InjectedFailureException>(store.Dispose);

        Assert.True(Assert.Single(clock.Timers).DisposeCalled);
        Assert.True(store.OpenFailureItems.Core.Store.IsDisposed);
        AssertReleased();
        store.Dispose(); // already disposed: nothing to do, nothing thrown
    }

    [Fact]
    public void FailureAfterTheTimerStarted_AndStoppingItFails_ReportsBoth_AndReleasesTheEngine()
    {
        var clock = new TimerDisposeFailingTimeProvider();
        var failure = new InjectedFailureException("injected: building the store failed");

        AggregateException error = Assert.Throws<AggregateException>(() => OpenThroughRuntime<OpenFailureStore>(
            OpenFailureStore.Descriptors,
            new StoreOptions { TimeProvider = clock, StreamEvictionInterval = Interval },
            r =>
            {
                OpenFailureStore.Build(r);
                throw failure;
            }));

        Assert.Contains("'OpenFailureStore'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.Same(failure, error.InnerExceptions[0]);
        Assert.Contains("timer Dispose failed", error.InnerExceptions[1].Message, StringComparison.Ordinal);
        AssertReleased();
    }

    [Fact]
    public void ClockFailsDuringTheCatalogCheck_ReleasesTheEngine()
    {
        bool built = false;

        Assert.Throws<InjectedFailureException>(() => OpenThroughRuntime(OpenFailureStore.Descriptors, new StoreOptions { TimeProvider = new BrokenClockTimeProvider() }, r =>
        {
            built = true;
            return OpenFailureStore.Build(r);
        }));

        Assert.False(built);
        AssertReleased();
    }

    [Fact]
    public void AFactoryReturningNull_FailsTheOpen_AndReleasesTheEngine()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(
            () => OpenThroughRuntime<OpenFailureStore>(OpenFailureStore.Descriptors, null, _ => null!));

        Assert.Contains("'OpenFailureStore'", error.Message, StringComparison.Ordinal);
        AssertReleased();
    }
}
