using System.Reflection;
using System.Runtime.InteropServices;
using LightningDB;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// LightningDB (LMDB): one environment and its unnamed database, a write transaction per write and a read-only
/// transaction per read or scan, as its README does. <c>NoSync</c>: a commit writes the pages to the OS without an
/// fsync, so it survives a process crash (LMDB has no log; the B-tree is copy-on-write). The map is sized for the run.
/// LightningDB's bundled liblmdb.so needs glibc 2.38; Debian 12 has 2.36, so the system's <c>liblmdb0</c> is loaded
/// instead (see <see cref="UseSystemLibrary"/>).
/// </summary>
internal sealed class LightningDbYcsb : YcsbContender
{
    private static int s_resolverSet;
    private readonly LightningEnvironment _environment;
    private readonly LightningDatabase _database;

    public LightningDbYcsb(string directory, long mapSizeBytes)
    {
        UseSystemLibrary();
        _environment = new LightningEnvironment(directory, new EnvironmentConfiguration { MapSize = mapSizeBytes, MaxReaders = 126 });
        _environment.Open(EnvironmentOpenFlags.NoSync);
        using (LightningTransaction transaction = _environment.BeginTransaction())
        {
            _database = transaction.OpenDatabase(configuration: new DatabaseConfiguration { Flags = DatabaseOpenFlags.Create });
            transaction.Commit().ThrowOnError();
        }

        DataDirectory = directory;
    }

    public override string Name => "LightningDB";

    public override string Durability => "no log; copy-on-write B-tree, commit written to the OS page cache without fsync (EnvironmentOpenFlags.NoSync)";

    public override bool SurvivesProcessCrash => true;

    public override YcsbSession OpenSession() => new Session(this);

    /// <summary>Loads Debian's liblmdb.so.0 for LightningDB's "lmdb" imports (the bundled build needs a newer glibc).</summary>
    public static void UseSystemLibrary()
    {
        if (Interlocked.Exchange(ref s_resolverSet, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(LightningEnvironment).Assembly, static (name, assembly, path) =>
            name.Contains("lmdb", StringComparison.OrdinalIgnoreCase) && NativeLibrary.TryLoad("liblmdb.so.0", assembly, path, out IntPtr handle)
                ? handle
                : IntPtr.Zero);
    }

    protected override void Dispose(bool disposing)
    {
        _database.Dispose();
        _environment.Dispose();
    }

    private sealed class Session(LightningDbYcsb owner) : YcsbSession(owner.Name)
    {
        private readonly LightningEnvironment _environment = owner._environment;
        private readonly LightningDatabase _database = owner._database;
        private readonly byte[] _value = new byte[UsertableCodec.MaxValueBytes];

        public override void Insert(Usertable row)
        {
            Span<byte> key = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(row.Key, key);
            int valueLength = UsertableCodec.Encode(row, _value);
            using LightningTransaction transaction = _environment.BeginTransaction();
            transaction.Put(_database, key[..keyLength], _value.AsSpan(0, valueLength)).ThrowOnError();
            transaction.Commit().ThrowOnError();
        }

        public override void Read(string key)
        {
            Span<byte> keyBytes = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(key, keyBytes);
            using LightningTransaction transaction = _environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            var (code, _, value) = transaction.Get(_database, keyBytes[..keyLength]);
            if (code != MDBResultCode.Success)
            {
                throw new YcsbCheckException(Contender, key, $"the row is missing ({code})");
            }

            RowFactory.Verify(Contender, key, UsertableCodec.Decode(key, value.AsSpan()));
        }

        public override void Scan(string startKey, int count)
        {
            var check = new ScanCheck(Contender, startKey, count);
            Span<byte> keyBytes = stackalloc byte[UsertableCodec.MaxKeyBytes];
            int keyLength = UsertableCodec.EncodeKey(startKey, keyBytes);
            using LightningTransaction transaction = _environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            using LightningCursor cursor = transaction.CreateCursor(_database);
            MDBResultCode code = cursor.SetRange(keyBytes[..keyLength]);
            while (code == MDBResultCode.Success)
            {
                var (current, keyValue, value) = cursor.GetCurrent();
                current.ThrowOnError();
                string key = System.Text.Encoding.UTF8.GetString(keyValue.AsSpan());
                check.Next(key);
                RowFactory.Verify(Contender, key, UsertableCodec.Decode(key, value.AsSpan()));
                if (check.Full)
                {
                    break;
                }

                (code, _, _) = cursor.Next();
            }

            check.Done();
        }
    }
}
