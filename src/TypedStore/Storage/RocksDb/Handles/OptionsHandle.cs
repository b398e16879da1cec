using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_options_t</c>. Only needed while opening: RocksDB copies the options it keeps.</summary>
internal sealed class OptionsHandle : RocksDbHandle
{
    private OptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates options for opening a store.</summary>
    public static OptionsHandle Create(bool createIfMissing, bool createMissingColumnFamilies)
    {
        var options = new OptionsHandle();
        options.SetHandle(NativeMethods.rocksdb_options_create());
        NativeMethods.rocksdb_options_set_create_if_missing(options.Pointer, createIfMissing ? (byte)1 : (byte)0);
        NativeMethods.rocksdb_options_set_create_missing_column_families(options.Pointer, createMissingColumnFamilies ? (byte)1 : (byte)0);
        return options;
    }

    /// <summary>Uses a block-based table factory built from (a copy of) <paramref name="tableOptions"/> for every column family opened with these options.</summary>
    public void SetBlockBasedTableFactory(BlockBasedTableOptionsHandle tableOptions)
        => NativeMethods.rocksdb_options_set_block_based_table_factory(Pointer, tableOptions.Pointer);

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_options_destroy(handle);
        return true;
    }
}
