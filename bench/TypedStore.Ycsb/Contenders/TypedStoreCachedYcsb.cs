using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// TypedStore with a row cache on the table (<c>[Table(CacheSize = 100_000)]</c>, <see cref="CachedUsertable"/>): the
/// same store, options and durability as <c>typedstore</c> (RocksDB WAL, no fsync per write), with point reads served
/// from decoded rows in memory when cached. Every write still goes to RocksDB first and then invalidates the row, so
/// nothing about durability changes; scans read RocksDB. The row handed to <c>Insert</c> is copied into the cached row
/// type (one small object per write, not per read).
/// </summary>
internal sealed class TypedStoreCachedYcsb : YcsbContender
{
    private readonly CachedYcsbStore _store;

    public TypedStoreCachedYcsb(string directory)
    {
        _store = CachedYcsbStore.Open(directory, new StoreOptions { SyncWrites = false });
        DataDirectory = directory;
    }

    public override string Name => "TypedStore (row cache)";

    public override string Durability => "RocksDB WAL, no fsync per write (StoreOptions defaults); the row cache is memory only";

    public override bool SurvivesProcessCrash => true;

    public override bool IsTypedStore => true;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing) => _store.Dispose();

    private sealed class Session(TypedStoreCachedYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly CachedYcsbStore _store = owner._store;

        public override void Insert(Usertable row) => _store.Usertable.Put(CachedUsertable.From(row));

        public override void Read(string key) => Verify(key, _store.Usertable.Get(key));

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            foreach (CachedUsertable row in _store.Usertable.Scan().From(startKey))
            {
                check.Next(row.Key);
                Verify(row.Key, row);
                if (check.Full)
                {
                    break;
                }
            }

            check.Done();
        }

        private void Verify(string key, CachedUsertable? row)
        {
            if (row is null)
            {
                throw new YcsbCheckException(Contender, key, "the row is missing");
            }

            if (!string.Equals(row.Key, key, StringComparison.Ordinal))
            {
                throw new YcsbCheckException(Contender, key, $"the row read is the row of '{row.Key}'");
            }

            RowFactory.Verify(Contender, key, row.Field0, row.Field1, row.Field2, row.Field3, row.Field4, row.Field5, row.Field6, row.Field7, row.Field8, row.Field9);
        }
    }
}
