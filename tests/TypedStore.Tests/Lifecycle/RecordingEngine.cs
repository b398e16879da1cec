using TypedStore.Storage;
using TypedStore.Tests.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// An engine decorator that forwards to a real engine and records what the table layer asked of it: point reads,
/// single writes, batch contents, range deletes, and every key an iterator was positioned on. Tests use it to prove
/// claims about access patterns ("one write, no read", "never reads another user's key", "one seek per partition").
/// </summary>
internal sealed class RecordingEngine(StorageEngine inner) : ForwardingStorageEngine(inner)
{
    /// <summary>Every call, in order, as a short description: "Get", "Put", "Write[Put,Delete]", "Iterator" ...</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Every key an iterator was positioned on (after each Seek/Next/Previous that left it valid).</summary>
    public List<byte[]> KeysSeen { get; } = [];

    /// <summary>Every range delete, direct or in a batch: (start, end).</summary>
    public List<(byte[] Start, byte[] End)> RangeDeletes { get; } = [];

    public void Clear()
    {
        Calls.Clear();
        KeysSeen.Clear();
        RangeDeletes.Clear();
    }

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        Calls.Add("Get");
        return Inner.Get(columnFamily, key, destination, snapshot);
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
    {
        Calls.Add("Contains");
        return Inner.Contains(columnFamily, key, snapshot);
    }

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        Calls.Add("Put");
        Inner.Put(columnFamily, key, value, durability);
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        Calls.Add("Delete");
        Inner.Delete(columnFamily, key, durability);
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        Calls.Add("DeleteRange");
        RangeDeletes.Add((startKey.ToArray(), endKey.ToArray()));
        Inner.DeleteRange(columnFamily, startKey, endKey, durability);
    }

    public override void GetMany(StorageColumnFamily columnFamily, ReadOnlySpan<byte> keys, ReadOnlySpan<int> keyLengths, ValueBuffer values, Span<int> valueLengths, StorageSnapshot? snapshot = null)
    {
        Calls.Add($"GetMany[{keyLengths.Length}]");
        Inner.GetMany(columnFamily, keys, keyLengths, values, valueLengths, snapshot);
    }

    public override StorageWriteBatch CreateWriteBatch() => new RecordingBatch(this, Inner.CreateWriteBatch());

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
    {
        var recording = (RecordingBatch)batch;
        Calls.Add($"Write[{string.Join(",", recording.Operations)}]");
        Inner.Write(recording.Inner, durability);
    }

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
    {
        Calls.Add("Iterator");
        return new RecordingIterator(this, Inner.CreateIterator(columnFamily, lowerBound, upperBound, snapshot));
    }

    private sealed class RecordingBatch : StorageWriteBatch
    {
        private readonly RecordingEngine _engine;
        private readonly Stack<int> _savePoints = new();

        public RecordingBatch(RecordingEngine engine, StorageWriteBatch inner)
        {
            _engine = engine;
            Inner = inner;
        }

        public StorageWriteBatch Inner { get; }

        public List<string> Operations { get; } = [];

        public override int Count => Inner.Count;

        public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            Operations.Add("Put");
            Inner.Put(columnFamily, key, value);
        }

        public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
        {
            Operations.Add("Delete");
            Inner.Delete(columnFamily, key);
        }

        public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
        {
            Operations.Add("DeleteRange");
            _engine.RangeDeletes.Add((startKey.ToArray(), endKey.ToArray()));
            Inner.DeleteRange(columnFamily, startKey, endKey);
        }

        public override void Clear()
        {
            Operations.Clear();
            _savePoints.Clear();
            Inner.Clear();
        }

        public override void SetSavePoint()
        {
            Inner.SetSavePoint();
            _savePoints.Push(Operations.Count);
        }

        public override void RollbackToSavePoint()
        {
            Inner.RollbackToSavePoint();
            int mark = _savePoints.Pop();
            Operations.RemoveRange(mark, Operations.Count - mark);
        }

        public override void PopSavePoint()
        {
            Inner.PopSavePoint();
            _savePoints.Pop();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }
        }
    }

    private sealed class RecordingIterator : StorageIterator
    {
        private readonly RecordingEngine _engine;
        private readonly StorageIterator _inner;

        public RecordingIterator(RecordingEngine engine, StorageIterator inner)
        {
            _engine = engine;
            _inner = inner;
        }

        public override bool IsValid => _inner.IsValid;

        public override ReadOnlySpan<byte> Key => _inner.Key;

        public override ReadOnlySpan<byte> Value => _inner.Value;

        public override void SeekToFirst() => Record(() => _inner.SeekToFirst());

        public override void SeekToLast() => Record(() => _inner.SeekToLast());

        public override void Seek(ReadOnlySpan<byte> key)
        {
            _inner.Seek(key);
            Record(null);
        }

        public override void SeekForPrev(ReadOnlySpan<byte> key)
        {
            _inner.SeekForPrev(key);
            Record(null);
        }

        public override void Next() => Record(() => _inner.Next());

        public override void Previous() => Record(() => _inner.Previous());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
        }

        private void Record(Action? move)
        {
            move?.Invoke();
            if (_inner.IsValid)
            {
                _engine.KeysSeen.Add(_inner.Key.ToArray());
            }
        }
    }
}
