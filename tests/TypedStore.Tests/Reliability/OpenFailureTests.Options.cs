using TypedStore.Tables;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Every engine-neutral option at, just inside and just outside its range (RocksDB's own options: RocksDbOpenFailureTests). Out of range: refused with an exception naming the
/// option and its range, before anything is opened (RocksDB: the directory is not even created). At the limits:
/// the store opens and works — the longest eviction interval included, on the real system timer.
/// </summary>
public abstract partial class OpenFailureTests
{
    private static readonly Dictionary<string, (Func<StoreOptions> Options, Type Exception, string Option, string Range)> s_invalidOptions = new()
    {
        ["SyncWrites and DisableWal"] = (() => new StoreOptions { SyncWrites = true, DisableWal = true }, typeof(ArgumentException), "DisableWal", "SyncWrites and StoreOptions.DisableWal cannot both be set"),
        ["TimeProvider = null"] = (() => new StoreOptions { TimeProvider = null! }, typeof(ArgumentNullException), "TimeProvider", "must not be null"),
        ["StreamEvictionInterval = TimeSpan.MinValue"] = (() => WithInterval(TimeSpan.MinValue), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = -1 tick"] = (() => WithInterval(TimeSpan.FromTicks(-1)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = 0"] = (() => WithInterval(TimeSpan.Zero), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = 1 tick"] = (() => WithInterval(TimeSpan.FromTicks(1)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = 1 ms - 1 tick"] = (() => WithInterval(StoreOptions.MinStreamEvictionInterval - TimeSpan.FromTicks(1)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = max + 1 tick"] = (() => WithInterval(StoreOptions.MaxStreamEvictionInterval + TimeSpan.FromTicks(1)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = 2^32 ms"] = (() => WithInterval(TimeSpan.FromMilliseconds(4294967296L)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = 60 days"] = (() => WithInterval(TimeSpan.FromDays(60)), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
        ["StreamEvictionInterval = TimeSpan.MaxValue"] = (() => WithInterval(TimeSpan.MaxValue), typeof(ArgumentOutOfRangeException), "StreamEvictionInterval", IntervalRange),
    };

    private static readonly Dictionary<string, Func<StoreOptions>> s_optionsAtTheirLimits = new()
    {
        ["defaults"] = () => new StoreOptions(),
        ["SyncWrites alone"] = () => new StoreOptions { SyncWrites = true },
        ["DisableWal alone"] = () => new StoreOptions { DisableWal = true },
        ["StreamEvictionInterval = 1 ms, system timer"] = () => WithInterval(StoreOptions.MinStreamEvictionInterval),
        ["StreamEvictionInterval = max, system timer"] = () => WithInterval(StoreOptions.MaxStreamEvictionInterval),
        ["StreamEvictionInterval = 49 days, system timer"] = () => WithInterval(TimeSpan.FromDays(49)),
    };

    private const string IntervalRange = "from 1 ms (StoreOptions.MinStreamEvictionInterval) to 4294967294 ms";

    public static TheoryData<string> InvalidOptions => [.. s_invalidOptions.Keys];

    public static TheoryData<string> OptionsAtTheirLimits => [.. s_optionsAtTheirLimits.Keys];

    /// <summary>Asserts that a refused open created nothing: RocksDB, no directory; memory has nothing to look at beyond the runtime path's engine.</summary>
    internal abstract void AssertNothingCreated();

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOption_IsRefusedNamingItsRange_BeforeAnythingOpens(string option)
    {
        (Func<StoreOptions> options, Type exception, string name, string range) = s_invalidOptions[option];

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Track(OpenGenerated(options())));

        Assert.IsType(exception, error);
        Assert.Equal(name, error.ParamName);
        Assert.Contains("StoreOptions." + name, error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        AssertNothingCreated();

        // Through the runtime too: the open never takes the location over, and nothing is built.
        bool built = false;
        Assert.IsType(exception, Assert.ThrowsAny<ArgumentException>(() => OpenThroughRuntime(OpenFailureStore.Descriptors, options(), r =>
        {
            built = true;
            return OpenFailureStore.Build(r);
        })));
        Assert.False(built);
        AssertNothingCreated();
    }

    [Theory]
    [MemberData(nameof(OptionsAtTheirLimits))]
    public void OptionAtItsLimit_Opens_AndTheStoreWorks(string option)
    {
        using (OpenFailureStore store = OpenGenerated(s_optionsAtTheirLimits[option]()))
        {
            store.OpenFailureItems.Put(new OpenFailureItem("a", "limit", 1));
            Assert.Equal("limit", store.OpenFailureItems.Get("a")?.Name);
            store.OpenFailureEvents.Append(new OpenFailureEvent(0, "e"));
            Assert.Null(store.OpenFailureEvents.Core.Store.LastBackgroundEvictionError);
        }

        using OpenFailureStore again = OpenGenerated(null);
    }

    private static StoreOptions WithInterval(TimeSpan interval) => new() { StreamEvictionInterval = interval };
}
