using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <content>
/// Column families the store holds that this open did not ask for. RocksDB must open every stored family read-write,
/// so they are open anyway; they stay out of <see cref="ColumnFamilies"/> and <see cref="GetColumnFamily"/>, and are
/// reached by name only to clean up after a declaration that no longer names them (a removed index: its records and
/// its column family are dropped, docs/indexes.md).
/// </content>
internal sealed unsafe partial class RocksDbEngine
{
    private readonly ConcurrentDictionary<string, RocksDbColumnFamily> _storedOnly = new(StringComparer.Ordinal);

    /// <summary>
    /// The column families the store in <paramref name="path"/> holds (RocksDB's <c>default</c> left out), read
    /// without opening it: what the <c>typedstore</c> tool opens, since it knows no table declarations. Empty when the
    /// directory holds no RocksDB store.
    /// </summary>
    internal static IReadOnlyList<string> ListStored(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(Path.Combine(fullPath, "CURRENT")))
        {
            return [];
        }

        using OptionsHandle options = OptionsHandle.Create(createIfMissing: false, createMissingColumnFamilies: false);
        List<string> names = ListColumnFamilies(options, fullPath);
        names.Remove(DefaultColumnFamilyName);
        return names;
    }

    internal override bool TryGetStoredColumnFamily(string name, [NotNullWhen(true)] out StorageColumnFamily? columnFamily)
    {
        ArgumentNullException.ThrowIfNull(name);
        _database.ThrowIfClosed();
        if (_columnFamiliesByName.TryGetValue(name, out RocksDbColumnFamily? requested))
        {
            columnFamily = requested;
            return true;
        }

        int index = name == DefaultColumnFamilyName ? -1 : Array.IndexOf(_openedNames, name);
        if (index < 0)
        {
            columnFamily = null;
            return false;
        }

        columnFamily = _storedOnly.GetOrAdd(name, static (key, state) => new RocksDbColumnFamily(state.Engine, key, -1, state.Handle), (Engine: this, Handle: _openedColumnFamilies[index].Pointer));
        return true;
    }

    /// <summary>Drops <paramref name="columnFamily"/> from the store (its files go; the next open does not list it).</summary>
    internal override void DropColumnFamily(StorageColumnFamily columnFamily)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        ThrowIfReadOnly("drop a column family");
        byte* error = null;
        using (HandleLease lease = _database.Lease())
        {
            NativeMethods.rocksdb_drop_column_family(_database.Pointer, family.NativeHandle, &error);
        }

        if (error != null)
        {
            NativeError.Throw(error, "drop column family", family);
        }
    }
}
