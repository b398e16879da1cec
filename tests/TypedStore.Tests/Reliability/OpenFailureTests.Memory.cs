using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// The open-failure suite on the memory engine. Opens through the runtime use one memory engine as the location
/// (so a catalog written by one open is checked by the next), each time behind a fresh decorator that records
/// whether the failed open disposed its engine.
/// </summary>
public sealed class MemoryOpenFailureTests : OpenFailureTests
{
    private readonly StorageEngine _location = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(OpenFailureStore.Descriptors));
    private DisposalTrackingEngine? _lastEngine;

    internal override OpenFailureStore OpenGenerated(StoreOptions? options) => Track(OpenFailureStore.OpenInMemory(options));

    internal override TStore OpenThroughRuntime<TStore>(IReadOnlyList<TableDescriptor> tables, StoreOptions? options, Func<StoreRuntime, TStore> build)
    {
        _lastEngine = new DisposalTrackingEngine(new SharedEngine(_location));
        return StoreRuntime.Create(typeof(TStore).Name, _lastEngine, tables, options, build);
    }

    internal override void AssertReleased()
    {
        Assert.NotNull(_lastEngine);
        Assert.True(_lastEngine.IsDisposed, "the failed open left its engine open");
    }

    // A refused open never took the engine over: the caller still owns it, undisposed.
    internal override void AssertNothingCreated() => Assert.False(_lastEngine?.IsDisposed ?? false);

    protected override void DisposeLocation() => _location.Dispose();

    [Fact]
    public void ReadOnly_InMemory_IsRefused_NamingTheOption()
    {
        // A new in-memory store is empty: read-only, it could never hold a row (it used to open, uselessly).
        var error = Assert.Throws<ArgumentException>(() => OpenFailureStore.OpenInMemory(new StoreOptions { ReadOnly = true }));
        Assert.Contains("StoreOptions.ReadOnly", error.Message, StringComparison.Ordinal);
    }
}
