using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Tables.Contexts;

/// <summary>
/// The transaction seam (design §10, issue 13): a context with both roles gets every generated member of both sets,
/// with nothing emitted for it. The test context here reads at a snapshot and records its writes into a batch, which
/// is what a transaction starts from (a transaction adds reading its own writes and validation at commit).
/// </summary>
public sealed class ReadWriteContextTests
{
    [Fact]
    public void AContextWithBothRoles_ReadsAtItsSnapshot_AndItsWritesLandOnlyOnCommit()
    {
        using ChatStore store = ChatStore.OpenInMemory();
        store.Messages.Put(new Message("u1", 1, "before", DateTime.UnixEpoch));

        using StoreSnapshotRuntime snapshot = store.Messages.Core.Store.CreateSnapshot();
        using StoreBatchRuntime batch = store.Messages.Core.Store.CreateBatch();
        ChatStore.MessagesTable<SnapshotAndBatchContext> messages = store.Messages.In(new SnapshotAndBatchContext(snapshot, batch));

        store.Messages.Put(new Message("u1", 2, "after the snapshot", DateTime.UnixEpoch));

        // Reads: every read member, at the snapshot.
        Assert.Equal("before", messages.Get("u1", 1)?.Text);
        Assert.Null(messages.Get("u1", 2));
        Assert.False(messages.Exists("u1", 2));
        Assert.Equal(1, messages.Count());
        Assert.Equal(1, messages.CountUser("u1"));
        Assert.Equal([1L], messages.ScanUser("u1").Select(m => m.MessageId));

        // Writes: every write member, recorded into the batch and invisible until it commits.
        messages.Put(new Message("u1", 3, "written", DateTime.UnixEpoch));
        messages.PutMany([new Message("u2", 1, "many", DateTime.UnixEpoch)]);
        messages.Delete("u1", 1);
        Assert.Equal(3, batch.Count);
        Assert.Equal([1L, 2L], store.Messages.ScanUser("u1").Select(m => m.MessageId));
        Assert.Null(store.Messages.Get("u2", 1));

        batch.Commit();

        Assert.Equal([2L, 3L], store.Messages.ScanUser("u1").Select(m => m.MessageId));
        Assert.Equal("many", store.Messages.Get("u2", 1)?.Text);
        Assert.Equal("before", messages.Get("u1", 1)?.Text); // the snapshot still sees its moment
    }

    /// <summary>Reads at <paramref name="snapshot"/>, records writes into <paramref name="batch"/>.</summary>
    private readonly struct SnapshotAndBatchContext(StoreSnapshotRuntime snapshot, StoreBatchRuntime batch) : IReadContext, IWriteContext
    {
        StorageSnapshot? IReadContext.Snapshot => ((IReadContext)snapshot.Context).Snapshot;

        bool IWriteContext.CommitsEachWrite => false;

        WriteScope IWriteContext.BeginWrite(WriteDurability durability) => ((IWriteContext)batch.Context).BeginWrite(durability);
    }
}
