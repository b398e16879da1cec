using ZoneTree;
using ZoneTree.Comparers;
using ZoneTree.Options;
using ZoneTree.Serializers;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// ZoneTree as its README teaches: <c>ZoneTreeFactory&lt;string, Usertable&gt;</c> with an ordinal string comparer, a
/// UTF-8 key serializer and a value serializer for the row (<see cref="UsertableSerializer"/>), a maintainer for merges,
/// <c>Upsert</c>/<c>TryGet</c> and a seekable iterator. Rows stay objects in the mutable segment (default 1,000,000 records)
/// until a merge moves them to disk. WAL mode: <see cref="WriteAheadLogMode.SyncCompressed"/> (each acknowledged write is in
/// the log file, surviving a process crash, no fsync), the same guarantee as a RocksDB WAL without sync; ZoneTree's
/// default, <c>AsyncCompressed</c>, queues log writes to a background thread and is weaker, so it is the optional row
/// <c>ZoneTree (async WAL)</c>.
/// </summary>
internal sealed class ZoneTreeYcsb : YcsbContender
{
    private readonly IZoneTree<string, Usertable> _tree;
    private readonly IMaintainer _maintainer;
    private readonly bool _asyncWal;

    public ZoneTreeYcsb(string directory, bool asyncWal)
    {
        _asyncWal = asyncWal;
        _tree = new ZoneTreeFactory<string, Usertable>()
            .SetDataDirectory(directory)
            .SetComparer(new StringOrdinalComparerAscending())
            .SetKeySerializer(new Utf8StringSerializer())
            .SetValueSerializer(new UsertableSerializer())
            .ConfigureWriteAheadLogOptions(wal => wal.WriteAheadLogMode = asyncWal ? WriteAheadLogMode.AsyncCompressed : WriteAheadLogMode.SyncCompressed)
            .OpenOrCreate();
        _maintainer = _tree.CreateMaintainer();
        DataDirectory = directory;
    }

    public override string Name => _asyncWal ? "ZoneTree (async WAL)" : "ZoneTree";

    public override string Durability => _asyncWal
        ? "WAL written by a background thread (WriteAheadLogMode.AsyncCompressed, ZoneTree's default): a process crash can lose acknowledged writes"
        : "WAL written before the call returns, no fsync (WriteAheadLogMode.SyncCompressed)";

    public override bool SurvivesProcessCrash => !_asyncWal;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing)
    {
        _maintainer.Dispose();
        _tree.Dispose();
    }

    private sealed class Session(ZoneTreeYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly IZoneTree<string, Usertable> _tree = owner._tree;

        public override void Insert(Usertable row) => _tree.Upsert(row.Key, row);

        public override void Read(string key)
        {
            if (!_tree.TryGet(key, out Usertable? row))
            {
                throw new YcsbCheckException(Contender, key, "the row is missing");
            }

            RowFactory.Verify(Contender, key, row);
        }

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            using IZoneTreeIterator<string, Usertable> iterator = _tree.CreateIterator();
            iterator.Seek(startKey);
            while (iterator.Next())
            {
                string key = iterator.CurrentKey;
                check.Next(key);
                RowFactory.Verify(Contender, key, iterator.CurrentValue);
                if (check.Full)
                {
                    break;
                }
            }

            check.Done();
        }
    }
}
