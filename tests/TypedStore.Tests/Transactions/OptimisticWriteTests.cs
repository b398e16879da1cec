using System.Text;
using TypedStore.Storage;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Transactions;

/// <summary>
/// The engine side of a transaction's commit (<see cref="OptimisticWrite"/>): a key validated as unchanged since the
/// snapshot must still be unchanged when the write lands. These tests put a direct write exactly in the window between
/// the validation and the commit — where no transaction test can aim — and require the commit to be refused with
/// nothing of it written.
/// </summary>
public abstract class OptimisticWriteTests : IDisposable
{
    private static readonly string[] s_families = ["rows"];

    protected abstract StorageEngine Engine { get; }

    public abstract void Dispose();

    protected static string[] Families => s_families;

    [Fact]
    public void ADirectWrite_BetweenValidationAndCommit_RefusesTheCommit_AndWritesNothingOfIt()
    {
        StorageColumnFamily rows = Engine.GetColumnFamily("rows");
        Engine.Put(rows, Utf8("balance"), Utf8("100"));
        using StorageSnapshot snapshot = Engine.CreateSnapshot();
        using OptimisticWrite write = Engine.BeginOptimisticWrite(snapshot, WriteDurability.Default);

        write.Validate(rows, Utf8("balance"));                  // unchanged since the snapshot: passes
        Engine.Put(rows, Utf8("balance"), Utf8("50"));          // another writer, after the check
        write.Batch.Put(rows, Utf8("balance"), Utf8("90"));
        write.Batch.Put(rows, Utf8("audit"), Utf8("-10"));

        Assert.False(write.TryCommit());
        Assert.Equal("50", Read(rows, "balance"));
        Assert.Null(Read(rows, "audit"));
    }

    [Fact]
    public void ADirectWrite_ToAnotherKey_DoesNotRefuseTheCommit()
    {
        StorageColumnFamily rows = Engine.GetColumnFamily("rows");
        Engine.Put(rows, Utf8("balance"), Utf8("100"));
        using StorageSnapshot snapshot = Engine.CreateSnapshot();
        using OptimisticWrite write = Engine.BeginOptimisticWrite(snapshot, WriteDurability.Default);

        write.Validate(rows, Utf8("balance"));
        Engine.Put(rows, Utf8("other"), Utf8("x"));
        write.Batch.Put(rows, Utf8("balance"), Utf8("90"));

        Assert.True(write.TryCommit());
        Assert.Equal("90", Read(rows, "balance"));
        Assert.Equal("x", Read(rows, "other"));
    }

    [Fact]
    public void AKeyAbsentAtTheSnapshot_AddedBetweenValidationAndCommit_RefusesTheCommit()
    {
        StorageColumnFamily rows = Engine.GetColumnFamily("rows");
        using StorageSnapshot snapshot = Engine.CreateSnapshot();
        using OptimisticWrite write = Engine.BeginOptimisticWrite(snapshot, WriteDurability.Default);

        write.Validate(rows, Utf8("user"));                     // absent at the snapshot and now
        Engine.Put(rows, Utf8("user"), Utf8("taken"));
        write.Batch.Put(rows, Utf8("user"), Utf8("mine"));

        Assert.False(write.TryCommit());
        Assert.Equal("taken", Read(rows, "user"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private string? Read(StorageColumnFamily family, string key)
    {
        global::TypedStore.Values.ValueBuffer buffer = global::TypedStore.Values.ValueBuffer.Rent();
        try
        {
            return Engine.TryGet(family, Utf8(key), buffer) ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
        }
        finally
        {
            global::TypedStore.Values.ValueBuffer.Return(buffer);
        }
    }
}

public sealed class MemoryOptimisticWriteTests : OptimisticWriteTests
{
    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(Families);

    protected override StorageEngine Engine => _engine;

    public override void Dispose() => _engine.Dispose();
}

public sealed class RocksDbOptimisticWriteTests : OptimisticWriteTests
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;

    public RocksDbOptimisticWriteTests() => _engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), Families);

    protected override StorageEngine Engine => _engine;

    public override void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }
}
