using TypedStore.Storage;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// What index queries ask of the engine, recorded call by call (<see cref="RecordingEngine"/>): First and Last are one
/// bounded iterator over the index that lands on the answer's entry, then one point read of its row; Any and Count
/// read entries only.
/// </summary>
public sealed class IndexQueryAccessTests : IDisposable
{
    private const int Rows = 1_000;

    private readonly RecordingProvider _provider = new();
    private readonly IndexStore _store;

    public IndexQueryAccessTests()
    {
        _store = IndexStore.Open(_provider);
        _store.Issues.PutMany(Enumerable.Range(0, Rows).Select(i => new Issue("core", i, $"s{i:D4}", i % 2 == 0 ? "dee" : "ann", (IssueStatus)(i % 4 / 2), "t")));
        _provider.Engine.Clear();
    }

    public void Dispose() => _store.Dispose();

    private RecordingEngine Engine => _provider.Engine;

    [Fact]
    public void First_IsOneSeek_ThatSeesOneEntry_ThenReadsItsRow()
    {
        Issue? first = _store.Issues.ByAssignee.Scan("dee").First();

        Assert.Equal(0, first!.Number);
        Assert.Equal(["Iterator", "Get"], Engine.Calls);
        Assert.Single(Engine.KeysSeen);
    }

    [Fact]
    public void Last_AndABoundedFirst_AreOneSeekEach()
    {
        Issue? last = _store.Issues.ByAssignee.Scan("ann").Last();
        Issue? closed = _store.Issues.ByAssignee.Scan("dee").From(IssueStatus.Closed).First();

        Assert.Equal(Rows - 1, last!.Number);
        Assert.Equal(2, closed!.Number);
        Assert.Equal(["Iterator", "Get", "Iterator", "Get"], Engine.Calls);
        Assert.Equal(2, Engine.KeysSeen.Count);
    }

    [Fact]
    public void AnyAndCount_ReadEntriesOnly()
    {
        Assert.True(_store.Issues.ByAssignee.Scan("dee", IssueStatus.Closed).Any());
        Assert.Single(Engine.KeysSeen);
        Assert.Equal(Rows / 4, _store.Issues.ByAssignee.Scan("dee", IssueStatus.Closed).Count());
        Assert.Equal(["Iterator", "Iterator"], Engine.Calls);
    }

    private sealed class RecordingProvider : StorageEngineProvider
    {
        public RecordingEngine Engine { get; private set; } = null!;

        public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
        {
            Engine = new RecordingEngine(MemoryEngineProvider.Instance.Open(columnFamilies, options));
            return Engine;
        }
    }
}
