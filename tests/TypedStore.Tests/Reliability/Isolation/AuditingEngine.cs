using System.Reflection;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Reliability.Isolation;

/// <summary>
/// An in-memory engine that records what the store above it reads and deletes (<see cref="EngineAudit"/>), so a test
/// can prove that a user's scan never even positions an iterator on another user's key, and that a user's delete
/// covers no other user's key. Single-threaded use only.
/// </summary>
internal sealed class AuditingEngine : ForwardingStorageEngine
{
    private AuditingEngine(StorageEngine inner)
        : base(inner)
    {
    }

    public EngineAudit Audit { get; } = new();

    /// <summary>
    /// A generated <see cref="ReliabilityStore"/> (with its catalog and change feed) over an auditing memory engine.
    /// Generated stores open their own engines; the test reaches the generated table list and the private constructor
    /// that takes the runtime, which is the one seam there is.
    /// </summary>
    public static ReliabilityStore OpenStore(out EngineAudit audit, StoreOptions? options = null)
    {
        var tables = (TableDescriptor[])(typeof(ReliabilityStore).GetField("s_tables", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException("The generated store has no table list 's_tables'."));
        var engine = new AuditingEngine(StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(tables)));
        audit = engine.Audit;
        StoreRuntime runtime = StoreRuntime.Create(nameof(ReliabilityStore), engine, tables, options);
        ConstructorInfo constructor = typeof(ReliabilityStore).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(StoreRuntime)])
            ?? throw new InvalidOperationException("The generated store has no private constructor taking its runtime.");
        return (ReliabilityStore)constructor.Invoke([runtime]);
    }

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        Audit.Read(columnFamily.Name, key);
        return Inner.Get(columnFamily, key, destination, snapshot);
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
    {
        Audit.Read(columnFamily.Name, key);
        return Inner.Contains(columnFamily, key, snapshot);
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        Audit.DeletedKey(columnFamily.Name, key);
        Inner.Delete(columnFamily, key, durability);
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        Audit.DeletedRange(columnFamily.Name, startKey, endKey);
        Inner.DeleteRange(columnFamily, startKey, endKey, durability);
    }

    public override StorageWriteBatch CreateWriteBatch() => new AuditingWriteBatch(Inner.CreateWriteBatch(), Audit);

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
        => Inner.Write(((AuditingWriteBatch)batch).Inner, durability);

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
        => new AuditingIterator(Inner.CreateIterator(columnFamily, lowerBound, upperBound, snapshot), columnFamily.Name, Audit);

    /// <summary>Records the key of every position the iterator lands on, whether or not the caller reads it.</summary>
    private sealed class AuditingIterator(StorageIterator inner, string family, EngineAudit audit) : StorageIterator
    {
        public override bool IsValid => inner.IsValid;

        public override ReadOnlySpan<byte> Key => inner.Key;

        public override ReadOnlySpan<byte> Value => inner.Value;

        public override void SeekToFirst() => Landed(() => inner.SeekToFirst());

        public override void SeekToLast() => Landed(() => inner.SeekToLast());

        public override void Seek(ReadOnlySpan<byte> key)
        {
            inner.Seek(key);
            Landed(static () => { });
        }

        public override void SeekForPrev(ReadOnlySpan<byte> key)
        {
            inner.SeekForPrev(key);
            Landed(static () => { });
        }

        public override void Next() => Landed(() => inner.Next());

        public override void Previous() => Landed(() => inner.Previous());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }

        private void Landed(Action move)
        {
            move();
            if (inner.IsValid)
            {
                audit.Read(family, inner.Key);
            }
        }
    }

    private sealed class AuditingWriteBatch(StorageWriteBatch inner, EngineAudit audit) : StorageWriteBatch
    {
        public StorageWriteBatch Inner => inner;

        public override int Count => inner.Count;

        public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => inner.Put(columnFamily, key, value);

        public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
        {
            audit.DeletedKey(columnFamily.Name, key);
            inner.Delete(columnFamily, key);
        }

        public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
        {
            audit.DeletedRange(columnFamily.Name, startKey, endKey);
            inner.DeleteRange(columnFamily, startKey, endKey);
        }

        public override void Clear() => inner.Clear();

        // A rolled-back delete stays in the audit: the isolation checks judge what the table layer asked for.
        public override void SetSavePoint() => inner.SetSavePoint();

        public override void RollbackToSavePoint() => inner.RollbackToSavePoint();

        public override void PopSavePoint() => inner.PopSavePoint();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}
