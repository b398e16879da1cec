using TypedStore.Storage;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Queries;

/// <summary>
/// What queries ask of the engine, recorded call by call on a large table (<see cref="RecordingEngine"/>): First, Last
/// and a bounded First are one bounded iterator that lands on the answer (no walk from the start, no walk to the end),
/// Any reads one key, and GetMany is one engine call. Claims about access, not timing.
/// </summary>
public sealed class QueryAccessTests : IDisposable
{
    private const int Rows = 2_000;

    private readonly RecordingProvider _provider = new();
    private readonly QueryStore _store;

    public QueryAccessTests()
    {
        _store = QueryStore.Open(_provider);
        _store.QItems.PutMany(Enumerable.Range(0, Rows).Select(i => new QItem(i % 2 == 0 ? "even" : "odd", i, 0, $"r{i}")));
        _store.QSoft.PutMany(Enumerable.Range(0, Rows).Select(i => new QSoft("g", i, $"t{i}")));
        _store.QSoft.Delete("g", Rows - 1); // the last row is soft-deleted: Last must step past it, and no further
        _provider.Engine.Clear();
    }

    public void Dispose() => _store.Dispose();

    private RecordingEngine Engine => _provider.Engine;

    [Fact]
    public void First_IsOneSeek_ThatSeesOneKey()
    {
        QItem? first = _store.QItems.Scan("odd").First();

        Assert.Equal(Rows - 1, first!.At); // At is descending: the largest first
        Assert.Equal(["Iterator"], Engine.Calls);
        Assert.Single(Engine.KeysSeen);
    }

    [Fact]
    public void Last_IsOneReverseSeek_NotAWalk()
    {
        QItem? last = _store.QItems.Scan("even").Last();

        Assert.Equal(0, last!.At);
        Assert.Equal(["Iterator"], Engine.Calls);
        Assert.Single(Engine.KeysSeen);
    }

    [Fact]
    public void BoundedFirst_SeeksStraightToTheBound()
    {
        QItem? row = _store.QItems.Scan("even").From(1001L).First();
        QItem? after = _store.QItems.Scan("even").After(1000L).First();

        Assert.Equal(1000, row!.At);
        Assert.Equal(998, after!.At);
        Assert.Equal(["Iterator", "Iterator"], Engine.Calls);
        Assert.Equal(2, Engine.KeysSeen.Count);
    }

    [Fact]
    public void SoftDeleteTable_LastSkipsTheDeletedRow_AndReadsNothingElse()
    {
        QSoft? last = _store.QSoft.Scan("g").Last();

        Assert.Equal(Rows - 2, last!.Id);
        Assert.Equal(["Iterator"], Engine.Calls);
        Assert.True(Engine.KeysSeen.Count <= 4, $"{Engine.KeysSeen.Count} keys seen"); // the deleted row, its marker, the answer (and its marker check)
    }

    [Fact]
    public void Any_AndAPageFromAToken_AreOneSeekEach()
    {
        Assert.True(_store.QItems.Scan("odd").From(501L).Any());
        Assert.Single(Engine.KeysSeen);

        Page<QItem> first = _store.QItems.Scan("odd").Page(10);
        Engine.Clear();
        Page<QItem> second = _store.QItems.Scan("odd").Page(10, first.Next);

        Assert.Equal(Rows - 21, second.Rows[0].At);
        Assert.Equal(["Iterator"], Engine.Calls);
        Assert.Equal(12, Engine.KeysSeen.Count); // the page's rows, the one that says there is a next page, and the cursor's look-ahead
    }

    [Fact]
    public void GetMany_IsOneEngineCall()
    {
        IReadOnlyList<QItem?> rows = _store.QItems.GetMany([("even", 10L, 0), ("odd", 11L, 0), ("none", 1L, 0)]);

        Assert.Equal([10L, 11L], rows.Take(2).Select(r => r!.At));
        Assert.Null(rows[2]);
        Assert.Equal(["GetMany[3]"], Engine.Calls);
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
