using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// A user id whose key prefix is only 0xFF bytes (Guid.AllBitsSet here; long.MaxValue or uint.MaxValue elsewhere)
/// has no prefix upper bound. Found by the model-based test: DeleteUser then deleted the rows an iterator found
/// when the delete was recorded, so in a batch it missed the rows put earlier in the same batch.
/// </summary>
public sealed class DeleteUserAllOnesTests : IDisposable
{
    private static readonly Guid AllOnes = Guid.AllBitsSet;
    private static readonly Guid Neighbour = new("ffffffff-ffff-ffff-ffff-fffffffffffe");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Engines => ["memory", "rocksdb"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void DeleteUser_InABatch_RemovesRowsPutEarlierInTheSameBatch(string engine)
    {
        using ReliabilityStore store = Open(engine);
        store.Devices.Put(new Device(AllOnes, 1, "stored before"));
        store.Devices.Put(new Device(Neighbour, 1, "another user"));

        using (ReliabilityStoreBatch batch = store.CreateBatch())
        {
            batch.Devices.Put(new Device(AllOnes, 2, "put in the batch"));
            batch.Devices.DeleteUser(AllOnes);
            batch.Devices.Put(new Device(AllOnes, 3, "put after the delete"));
            batch.Commit();
        }

        Assert.Equal([3], store.Devices.ScanUser(AllOnes).Select(d => d.Seq));
        Assert.Equal([new Device(Neighbour, 1, "another user")], store.Devices.ScanUser(Neighbour));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void DeleteUser_RemovesEveryRowOfTheAllOnesUser_AndNoOther(string engine)
    {
        using ReliabilityStore store = Open(engine);
        store.Devices.PutMany([new Device(AllOnes, int.MinValue, "a"), new Device(AllOnes, int.MaxValue, "b"), new Device(Neighbour, int.MaxValue, "c")]);

        store.Devices.DeleteUser(AllOnes);

        Assert.Equal(0, store.Devices.CountUser(AllOnes));
        Assert.Equal(1, store.Devices.CountUser(Neighbour));
        Assert.Equal(1, store.Devices.Count());
    }

    private ReliabilityStore Open(string engine) => engine == "memory" ? ReliabilityStore.OpenInMemory() : ReliabilityStore.Open(_directory.Sub("store"));
}
