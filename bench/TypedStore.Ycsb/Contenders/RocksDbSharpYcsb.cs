using RocksDbSharp;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// RocksDbSharp, the managed API of the same RocksDB package TypedStore's core loads: the default column family,
/// RocksDB's default options plus create-if-missing (as its README opens a database), the span overloads of
/// <c>Put</c>/<c>Get</c> and an iterator <c>Seek</c> for scans; rows as <see cref="UsertableCodec"/> bytes.
/// </summary>
internal sealed class RocksDbSharpYcsb : YcsbContender
{
    private readonly RocksDb _db;
    private readonly WriteOptions _writeOptions = new WriteOptions().SetSync(false);

    public RocksDbSharpYcsb(string directory)
    {
        _db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), directory);
        DataDirectory = directory;
    }

    public override string Name => "RocksDbSharp";

    public override string Durability => "RocksDB WAL, no fsync per write (WriteOptions.SetSync(false))";

    public override bool SurvivesProcessCrash => true;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing) => _db.Dispose();

    private sealed class Session(RocksDbSharpYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly RocksDb _db = owner._db;
        private readonly WriteOptions _writeOptions = owner._writeOptions;
        private readonly byte[] _value = new byte[UsertableCodec.MaxValueBytes];
        private readonly RowDeserializer _deserializer = new();

        public override void Insert(Usertable row)
        {
            Span<byte> key = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(row.Key, key);
            int valueLength = UsertableCodec.Encode(row, _value);
            _db.Put(key[..keyLength], _value.AsSpan(0, valueLength), null, _writeOptions);
        }

        public override void Read(string key)
        {
            Span<byte> keyBytes = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(key, keyBytes);
            _deserializer.Key = key;
            RowFactory.Verify(Contender, key, _db.Get(keyBytes[..keyLength], _deserializer));
        }

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            using Iterator iterator = _db.NewIterator();
            for (iterator.Seek(System.Text.Encoding.UTF8.GetBytes(startKey)); iterator.Valid(); iterator.Next())
            {
                string key = System.Text.Encoding.UTF8.GetString(iterator.GetKeySpan());
                check.Next(key);
                RowFactory.Verify(Contender, key, UsertableCodec.Decode(key, iterator.GetValueSpan()));
                if (check.Full)
                {
                    break;
                }
            }

            check.Done();
        }
    }

    // RocksDbSharp's allocation-free Get: the value span is decoded in place (no byte[] per read).
    private sealed class RowDeserializer : ISpanDeserializer<Usertable?>
    {
        public string Key { get; set; } = "";

        public Usertable? Deserialize(ReadOnlySpan<byte> buffer) => UsertableCodec.Decode(Key, buffer);
    }
}
