using Microsoft.Data.Sqlite;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: YCSB's JDBC schema (<c>usertable(YCSB_KEY TEXT PRIMARY KEY, FIELD0..FIELD9 TEXT)</c>),
/// one connection per thread with prepared, parameterised commands reused (as the ADO.NET docs advise), autocommit per
/// statement. <c>journal_mode=WAL</c> and <c>synchronous=NORMAL</c>: commits go to the WAL without an fsync, so they
/// survive a process crash (SQLite's docs: durable across application crashes, not power loss).
/// </summary>
internal sealed class SqliteYcsb : YcsbContender
{
    private readonly string _connectionString;
    private readonly SqliteConnection _keeper;

    public SqliteYcsb(string directory)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "ycsb.db"), Pooling = true }.ToString();
        _keeper = Open();
        using SqliteCommand create = _keeper.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS usertable (
                YCSB_KEY TEXT PRIMARY KEY,
                FIELD0 TEXT, FIELD1 TEXT, FIELD2 TEXT, FIELD3 TEXT, FIELD4 TEXT,
                FIELD5 TEXT, FIELD6 TEXT, FIELD7 TEXT, FIELD8 TEXT, FIELD9 TEXT);
            """;
        create.ExecuteNonQuery();
        DataDirectory = directory;
    }

    public override string Name => "SQLite";

    public override string Durability => "WAL, no fsync per commit (journal_mode=WAL, synchronous=NORMAL), autocommit per statement";

    public override bool SurvivesProcessCrash => true;

    public override YcsbSession OpenSession() => new Session(this);

    protected override void Dispose(bool disposing)
    {
        _keeper.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteCommand pragma = connection.CreateCommand();
        // synchronous is per connection.
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private sealed class Session : YcsbSession
    {
        private const string Fields = "FIELD0, FIELD1, FIELD2, FIELD3, FIELD4, FIELD5, FIELD6, FIELD7, FIELD8, FIELD9";
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _read;
        private readonly SqliteCommand _scan;

        public Session(SqliteYcsb owner)
            : base(owner.Name)
        {
            _connection = owner.Open();
            _insert = Prepare($"INSERT INTO usertable (YCSB_KEY, {Fields}) VALUES ($key, $f0, $f1, $f2, $f3, $f4, $f5, $f6, $f7, $f8, $f9)", withFields: true);
            _update = Prepare("UPDATE usertable SET FIELD0=$f0, FIELD1=$f1, FIELD2=$f2, FIELD3=$f3, FIELD4=$f4, FIELD5=$f5, FIELD6=$f6, FIELD7=$f7, FIELD8=$f8, FIELD9=$f9 WHERE YCSB_KEY=$key", withFields: true);
            _read = Prepare($"SELECT {Fields} FROM usertable WHERE YCSB_KEY=$key", withFields: false);
            _scan = Prepare($"SELECT YCSB_KEY, {Fields} FROM usertable WHERE YCSB_KEY >= $key ORDER BY YCSB_KEY LIMIT $count", withFields: false);
            _scan.Parameters.Add("$count", SqliteType.Integer);
        }

        public override void Insert(Usertable row) => Write(_insert, row);

        public override void Update(Usertable row)
        {
            if (Write(_update, row) != 1)
            {
                throw new InvalidOperationException($"SQLite: update of '{row.Key}' changed no row");
            }
        }

        public override void Read(string key)
        {
            _read.Parameters[0].Value = key;
            using SqliteDataReader reader = _read.ExecuteReader();
            if (!reader.Read())
            {
                throw new YcsbCheckException(Contender, key, "the row is missing");
            }

            RowFactory.Verify(
                Contender, key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9));
        }

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            _scan.Parameters[0].Value = startKey;
            _scan.Parameters[1].Value = count;
            using SqliteDataReader reader = _scan.ExecuteReader();
            while (reader.Read())
            {
                string key = reader.GetString(0);
                check.Next(key);
                RowFactory.Verify(
                    Contender, key, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
            }

            check.Done();
        }

        protected override void Dispose(bool disposing)
        {
            _insert.Dispose();
            _update.Dispose();
            _read.Dispose();
            _scan.Dispose();
            _connection.Dispose();
        }

        private static int Write(SqliteCommand command, Usertable row)
        {
            SqliteParameterCollection p = command.Parameters;
            p[0].Value = row.Key;
            p[1].Value = row.Field0;
            p[2].Value = row.Field1;
            p[3].Value = row.Field2;
            p[4].Value = row.Field3;
            p[5].Value = row.Field4;
            p[6].Value = row.Field5;
            p[7].Value = row.Field6;
            p[8].Value = row.Field7;
            p[9].Value = row.Field8;
            p[10].Value = row.Field9;
            return command.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql, bool withFields)
        {
            SqliteCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$key", SqliteType.Text);
            if (withFields)
            {
                for (int i = 0; i < RowFactory.FieldCount; i++)
                {
                    command.Parameters.Add($"$f{i}", SqliteType.Text);
                }
            }

            return command;
        }
    }
}
