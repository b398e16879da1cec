using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// TypedStore through its generated accessors (<c>store.Usertable.Put/Get/Scan().From(key)</c>), on RocksDB (WAL on or
/// off, never synced) or on the memory engine. Nothing tuned: default <see cref="StoreOptions"/> and RocksDB options.
/// </summary>
internal sealed class TypedStoreYcsb : YcsbContender
{
    private readonly YcsbStore _store;
    private readonly string _name;
    private readonly string _durability;
    private readonly bool _survivesCrash;

    private TypedStoreYcsb(YcsbStore store, string name, string durability, bool survivesCrash, string? directory)
    {
        _store = store;
        _name = name;
        _durability = durability;
        _survivesCrash = survivesCrash;
        DataDirectory = directory;
    }

    public override string Name => _name;

    public override string Durability => _durability;

    public override bool SurvivesProcessCrash => _survivesCrash;

    public override bool IsTypedStore => true;

    /// <summary>RocksDB with its write-ahead log (<c>SyncWrites = false</c>): TypedStore's default.</summary>
    public static TypedStoreYcsb OpenRocksDb(string directory)
        => new(YcsbStore.Open(directory, new StoreOptions { SyncWrites = false }), "TypedStore", "RocksDB WAL, no fsync per write (StoreOptions defaults)", true, directory);

    /// <summary>
    /// A tuning variant for the knob-by-knob measurements: TypedStore's defaults (WAL on, no fsync) with
    /// <paramref name="rocksDb"/> instead of the default RocksDB options.
    /// </summary>
    public static TypedStoreYcsb OpenRocksDbVariant(string directory, string label, RocksDbOptions rocksDb)
        => new(YcsbStore.Open(directory, rocksDb, new StoreOptions { SyncWrites = false }), $"TypedStore [{label}]", $"RocksDB WAL, no fsync per write; RocksDB options: {label}", true, directory);

    /// <summary>RocksDB without the write-ahead log: the like-for-like row against FASTER, which keeps no log.</summary>
    public static TypedStoreYcsb OpenRocksDbWithoutWal(string directory)
        => new(YcsbStore.Open(directory, new StoreOptions { DisableWal = true }), "TypedStore (DisableWal)", "no WAL: memtable writes, lost on a crash until flushed (StoreOptions.DisableWal)", false, directory);

    /// <summary>The memory engine: a reference, not a peer.</summary>
    public static TypedStoreYcsb OpenInMemory()
        => new(YcsbStore.OpenInMemory(), "TypedStore (memory)", "none: process memory (OpenInMemory)", false, null);

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing) => _store.Dispose();

    private sealed class Session(TypedStoreYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly YcsbStore _store = owner._store;

        public override void Insert(Usertable row) => _store.Usertable.Put(row);

        public override void Read(string key) => RowFactory.Verify(Contender, key, _store.Usertable.Get(key));

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            foreach (Usertable row in _store.Usertable.Scan().From(startKey))
            {
                check.Next(row.Key);
                RowFactory.Verify(Contender, row.Key, row);
                if (check.Full)
                {
                    break;
                }
            }

            check.Done();
        }
    }
}
