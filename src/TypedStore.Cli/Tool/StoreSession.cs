using TypedStore.Catalog;
using TypedStore.Cli.Reading;
using TypedStore.Storage;
using TypedStore.Storage.RocksDb;
using TypedStore.Tables;

namespace TypedStore.Cli.Tool;

/// <summary>
/// A store directory opened the way the tool opens it: every column family the directory holds, bound to a runtime
/// with no declared tables, so the catalog is read and checked but nothing is recorded; read-only unless the command
/// writes. Everything the commands know about tables comes from <see cref="Tables"/> (the catalog).
/// </summary>
internal sealed class StoreSession : IDisposable
{
    private StoreSession(string path, StoreRuntime runtime, IReadOnlyList<StoredTable> tables)
    {
        Path = path;
        Runtime = runtime;
        Tables = tables;
    }

    public string Path { get; }

    public StoreRuntime Runtime { get; }

    public StorageEngine Engine => Runtime.Engine;

    public IReadOnlyList<StoredTable> Tables { get; }

    public static StoreSession Open(string path, bool write)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new ToolException(ExitCodes.CannotOpen, $"No store at '{full}': the directory does not exist.");
        }

        IReadOnlyList<string> columnFamilies;
        try
        {
            columnFamilies = RocksDbEngine.ListStored(full);
        }
        catch (TypedStoreException ex)
        {
            throw new ToolException(ExitCodes.CannotOpen, $"The store at '{full}' cannot be read: {ex.Message}", ex);
        }

        if (columnFamilies.Count == 0 || !columnFamilies.Contains(StoreCatalog.Tables[0].Name))
        {
            throw new ToolException(ExitCodes.CannotOpen, $"'{full}' is not a TypedStore store: it holds no TypedStore catalog.");
        }

        StoreOptions options = new() { ReadOnly = !write, CreateIfMissing = false };
        StorageEngine engine;
        try
        {
            engine = RocksDbEngine.Open(full, columnFamilies, options, RocksDbOptions.Default);
        }
        catch (TypedStoreException ex)
        {
            throw new ToolException(ExitCodes.CannotOpen, $"The store at '{full}' cannot be opened: {ex.Message}", ex);
        }

        StoreRuntime runtime;
        try
        {
            runtime = StoreRuntime.Create("typedstore", engine, [], options);
        }
        catch (TypedStoreException ex)
        {
            throw new ToolException(ExitCodes.CannotOpen, $"The store at '{full}' cannot be opened: {ex.Message}", ex);
        }

        try
        {
            if (!StoredTables.HasCatalog(runtime))
            {
                throw new ToolException(ExitCodes.CannotOpen, $"'{full}' is not a TypedStore store: its catalog holds no format record.");
            }

            return new StoreSession(full, runtime, StoredTables.Read(runtime));
        }
        catch (TypedStoreException ex)
        {
            runtime.Dispose();
            throw new ToolException(ExitCodes.CannotOpen, $"The store at '{full}' cannot be read: {ex.Message}", ex);
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    public StoredTable GetTable(string name)
        => Tables.FirstOrDefault(table => table.Name == name)
            ?? throw new ToolException(ExitCodes.NotFound, $"The store has no table '{name}'. Its tables: {string.Join(", ", Tables.Select(t => t.Name))}.");

    public StorageColumnFamily GetColumnFamily(string name)
        => Engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily)
            ? columnFamily
            : throw new ToolException(ExitCodes.CannotOpen, $"The catalog records '{name}', but the store holds no column family of that name.");

    public void Dispose() => Runtime.Dispose();
}
