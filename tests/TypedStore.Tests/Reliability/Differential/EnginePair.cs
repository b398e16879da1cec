using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// The two stores under comparison: one over the memory engine, one over RocksDB in a temporary directory, opened
/// with the same options (and so the same clock). <see cref="Reopen"/> closes and reopens both: RocksDB at the same
/// path; the memory store over the same in-memory engine, which the test keeps open (<see cref="SharedEngine"/>
/// ignores the store's dispose), so both sides go through the same open path (catalog check, sequences and stream
/// ids loaded from what is stored, a new eviction timer) with the same data.
/// </summary>
internal sealed class EnginePair : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _memoryEngine;
    private readonly StoreOptions _options;

    public EnginePair(StoreOptions options)
    {
        _options = options;
        _memoryEngine = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(DifferentialStore.Descriptors), options);
        (Memory, RocksDb) = Open();
    }

    public DifferentialStore Memory { get; private set; }

    public DifferentialStore RocksDb { get; private set; }

    /// <summary>Disposes both stores and opens them again over the same data.</summary>
    public void Reopen()
    {
        Memory.Dispose();
        RocksDb.Dispose();
        (Memory, RocksDb) = Open();
    }

    public void Dispose()
    {
        Memory.Dispose();
        RocksDb.Dispose();
        _memoryEngine.Dispose();
        _directory.Dispose();
    }

    private (DifferentialStore Memory, DifferentialStore RocksDb) Open()
    {
        DifferentialStore memory = DifferentialStore.Attach(
            StoreRuntime.Create(nameof(DifferentialStore), new SharedEngine(_memoryEngine), DifferentialStore.Descriptors, _options));
        try
        {
            return (memory, DifferentialStore.Open(_directory.Sub("rocksdb"), _options));
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }
}
