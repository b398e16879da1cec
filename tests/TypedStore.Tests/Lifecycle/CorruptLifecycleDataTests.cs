using TypedStore.Features.ChangeFeed;
using TypedStore.Keys;
using TypedStore.Storage;

namespace TypedStore.Tests.Lifecycle;

/// <summary>Damaged markers and change records: a clear exception naming the table, and the store stays usable.</summary>
public sealed class CorruptLifecycleDataTests : IDisposable
{
    private readonly LifecycleStore _store = LifecycleStore.OpenInMemory();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void ADamagedDeletionMarker_FailsReadsOfItsRow_NotOthers()
    {
        _store.Drafts.Put(new Draft("a", "a", 1));
        _store.Drafts.Put(new Draft("b", "b", 1));
        byte[] markerKey = [.. Encode("a"), 0x00];
        byte[] notAMarker = new byte[10]; // a marker-sized value whose header is not a deletion (version 0)
        _store.Drafts.Core.Store.Engine.Put(_store.Drafts.Core.ColumnFamily, markerKey, notAMarker);

        CorruptDataException error = Assert.Throws<CorruptDataException>(() => _store.Drafts.Get("a"));
        Assert.Equal("drafts", error.Table);
        Assert.Throws<CorruptDataException>(() => _store.Drafts.ScanAll().ToList());
        Assert.Equal(new Draft("b", "b", 1), _store.Drafts.Get("b"));
    }

    [Fact]
    public void ADamagedChangeRecord_FailsTheFeedRead_WithTheTableAndSequence()
    {
        _store.Ledger.Put(new LedgerEntry(Guid.Empty, 1, 1m));
        StorageEngine engine = _store.Ledger.Core.Store.Engine;
        byte[] logKey = new byte[Encode("ledger").Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(logKey, Encode("ledger"), 1);
        engine.Put(engine.GetColumnFamily(ChangeFeedLog.LogColumnFamily), logKey, [0x01, 0x63]);

        CorruptDataException error = Assert.Throws<CorruptDataException>(() => _store.Ledger.ReadChanges(0).ToList());
        Assert.Equal("ledger", error.Table);
        Assert.Contains("change 1", error.Message, StringComparison.Ordinal);
        _store.Ledger.Put(new LedgerEntry(Guid.Empty, 2, 2m));
        Assert.Equal([2L], _store.Ledger.ReadChanges(1).Select(c => c.Sequence));
    }

    private static byte[] Encode(string part)
    {
        KeyWriter writer = new(stackalloc byte[64]);
        try
        {
            writer.WriteString(part);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
