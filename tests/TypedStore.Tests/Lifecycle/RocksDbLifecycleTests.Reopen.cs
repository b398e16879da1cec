using TypedStore.Catalog;
using TypedStore.Features.Streams;

namespace TypedStore.Tests.Lifecycle;

public sealed partial class RocksDbLifecycleTests
{
    [Fact]
    public void SoftDeletedRows_StayDeletedAndRestorable_AcrossReopening()
    {
        string path = NewPath();
        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            store.Drafts.PutMany([new Draft("a", "a", 1), new Draft("b", "b", 1)]);
            store.Drafts.Delete("a");
        }

        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            Assert.Null(store.Drafts.Get("a"));
            Assert.Equal(["b"], store.Drafts.ScanAll().Select(d => d.Id));
            store.Drafts.Restore("a");
            Assert.Equal(new Draft("a", "a", 1), store.Drafts.Get("a"));
        }
    }

    [Fact]
    public void ChangeSequence_ContinuesAfterReopening()
    {
        string path = NewPath();
        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            store.Notes.Put(new Note("u", 1, "a"));
            store.Ledger.Put(new LedgerEntry(Guid.Empty, 1, 1m));
            store.Notes.Delete("u", 1);
        }

        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            store.Ledger.Put(new LedgerEntry(Guid.Empty, 2, 2m));
            store.Notes.Restore("u", 1);

            Assert.Equal([1L, 3, 5], store.Notes.ReadChanges(0).Select(c => c.Sequence));
            Assert.Equal([2L, 4], store.Ledger.ReadChanges(0).Select(c => c.Sequence));
            Assert.Equal([ChangeKind.Put, ChangeKind.SoftDelete, ChangeKind.Restore], store.Notes.ReadChanges("u", 0).Select(c => c.Kind));
        }
    }

    [Fact]
    public void TimeOrderedIds_StayIncreasingAfterReopening_WhenTheClockWentBack()
    {
        string path = NewPath();
        StreamEvent lastEvent;
        Presence lastPresence;
        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            store.Events.Append(new StreamEvent(0, "1"));
            lastEvent = store.Events.Append(new StreamEvent(0, "2"));
            store.Presence.Append(new Presence("u1", 0, "a"));
            store.Presence.Append(new Presence("u2", 0, "b"));
            lastPresence = store.Presence.Append(new Presence("u1", 0, "c")); // the largest id is not in the last partition
        }

        Clock.Now = T0.AddSeconds(-20); // the machine's clock went back while the store was closed
        using (LifecycleStore store = LifecycleStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            StreamEvent next = store.Events.Append(new StreamEvent(0, "3"));
            Presence nextPresence = store.Presence.Append(new Presence("u2", 0, "d"));

            // Above every id of the last session, skipping at most the rest of its reserved second (docs/table-kinds.md).
            Assert.InRange(next.Seq, lastEvent.Seq + 1, TimeOrderedId.FirstOf(TimeOrderedId.MillisecondsOf(lastEvent.Seq) + IdSequence.BlockSize + 1));
            Assert.InRange(nextPresence.Seq, lastPresence.Seq + 1, TimeOrderedId.FirstOf(TimeOrderedId.MillisecondsOf(lastPresence.Seq) + IdSequence.BlockSize + 1));
            Assert.Equal(["1", "2", "3"], store.Events.ScanAll().Select(e => e.Payload));
        }
    }
}
