using LiteDB;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// LiteDB: one <c>LiteDatabase</c> (direct connection, shared by the threads as its docs allow), a typed collection of
/// <see cref="UserDocument"/> mapped by its <c>BsonMapper</c>, <c>Insert</c>/<c>Update</c>/<c>FindById</c>, and scans as a
/// <c>_id &gt;= key</c> query on the primary key index with a limit. Each call is its own auto-committed transaction,
/// written to LiteDB's log file (the "-log.db" WAL) and checkpointed into the data file later; LiteDB offers no switch to
/// skip its flush.
/// </summary>
internal sealed class LiteDbYcsb : YcsbContender
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<UserDocument> _collection;

    public LiteDbYcsb(string directory)
    {
        _database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(directory, "ycsb.db"), Connection = ConnectionType.Direct });
        _collection = _database.GetCollection<UserDocument>("usertable");
        DataDirectory = directory;
    }

    public override string Name => "LiteDB";

    public override string Durability => "log file per auto-committed call (LiteDB's WAL), checkpointed later; LiteDB's own flush settings (none to change)";

    public override bool SurvivesProcessCrash => true;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing) => _database.Dispose();

    /// <summary>The document LiteDB maps: the key as <c>_id</c> and the ten fields.</summary>
    public sealed class UserDocument
    {
        [BsonId]
        public string Id { get; set; } = "";

        public string? Field0 { get; set; }

        public string? Field1 { get; set; }

        public string? Field2 { get; set; }

        public string? Field3 { get; set; }

        public string? Field4 { get; set; }

        public string? Field5 { get; set; }

        public string? Field6 { get; set; }

        public string? Field7 { get; set; }

        public string? Field8 { get; set; }

        public string? Field9 { get; set; }

        public static UserDocument From(Usertable row) => new()
        {
            Id = row.Key,
            Field0 = row.Field0,
            Field1 = row.Field1,
            Field2 = row.Field2,
            Field3 = row.Field3,
            Field4 = row.Field4,
            Field5 = row.Field5,
            Field6 = row.Field6,
            Field7 = row.Field7,
            Field8 = row.Field8,
            Field9 = row.Field9,
        };

        public void Verify(string contender, string key)
            => RowFactory.Verify(contender, key, Field0, Field1, Field2, Field3, Field4, Field5, Field6, Field7, Field8, Field9);
    }

    private sealed class Session(LiteDbYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly ILiteCollection<UserDocument> _collection = owner._collection;

        public override void Insert(Usertable row) => _collection.Insert(UserDocument.From(row));

        public override void Update(Usertable row)
        {
            if (!_collection.Update(UserDocument.From(row)))
            {
                throw new InvalidOperationException($"LiteDB: update of '{row.Key}' found no document");
            }
        }

        public override void Read(string key)
        {
            UserDocument? document = _collection.FindById(key);
            if (document is null)
            {
                throw new YcsbCheckException(Contender, key, "the row is missing");
            }

            if (!string.Equals(document.Id, key, StringComparison.Ordinal))
            {
                throw new YcsbCheckException(Contender, key, $"the row read is the row of '{document.Id}'");
            }

            document.Verify(Contender, key);
        }

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            foreach (UserDocument document in _collection.Find(Query.GTE("_id", startKey), skip: 0, limit: count))
            {
                check.Next(document.Id);
                document.Verify(Contender, document.Id);
            }

            check.Done();
        }
    }
}
