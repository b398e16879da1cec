using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// A transaction's commit on RocksDB: one RocksDB optimistic transaction, begun at commit. Each validated key is read
/// with <c>GetForUpdate</c> (its latest value, and RocksDB tracks it from here on) and compared with its value at the
/// transaction's snapshot; the batch is then replayed into the transaction and committed. RocksDB checks the tracked
/// keys in its write queue (serial validation, set at open), so no write of any kind can land between the check and
/// the write.
/// </summary>
internal sealed unsafe partial class RocksDbEngine
{
    // One spare native transaction: a commit begins its transaction over it (RocksDB reinitializes the object) instead of
    // allocating one, and gives it back; a second concurrent commit allocates its own. 0 when none.
    private nint _spareTransaction;

    // The optimistic transaction options every commit uses (all defaults): created once, with the engine.
    private nint _optimisticTransactionOptions;

    // Set when the engine is disposing: no native transaction is kept as spare from then on.
    private volatile bool _transactionsClosing;

    internal override OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
    {
        ThrowIfReadOnly("commit a transaction");
        _ = SnapshotOf(snapshot);
        return new RocksDbOptimisticWrite(this, snapshot, durability);
    }

    // The shared options; call while holding a lease on the database (creation races are settled by the exchange).
    private nint OptimisticTransactionOptions()
    {
        nint options = Volatile.Read(ref _optimisticTransactionOptions);
        if (options != 0)
        {
            return options;
        }

        nint created = NativeMethods.rocksdb_optimistictransaction_options_create();
        nint existing = Interlocked.CompareExchange(ref _optimisticTransactionOptions, created, 0);
        if (existing == 0)
        {
            return created;
        }

        NativeMethods.rocksdb_optimistictransaction_options_destroy(created);
        return existing;
    }

    // Keeps a finished transaction as the spare, or destroys it; call while holding a lease on the database.
    private void ReturnTransaction(nint transaction)
    {
        if (!_transactionsClosing && Interlocked.CompareExchange(ref _spareTransaction, transaction, 0) == 0)
        {
            // The engine began disposing meanwhile and may have released the slot already: take it back if still there.
            if (_transactionsClosing && Interlocked.CompareExchange(ref _spareTransaction, 0, transaction) == transaction)
            {
                NativeMethods.rocksdb_transaction_destroy(transaction);
            }

            return;
        }

        NativeMethods.rocksdb_transaction_destroy(transaction);
    }

    // Called by Dispose before the database closes: commits in flight hold a lease, so the database outlives them.
    private void ReleaseTransactionResources()
    {
        _transactionsClosing = true;
        nint spare = Interlocked.Exchange(ref _spareTransaction, 0);
        if (spare != 0)
        {
            NativeMethods.rocksdb_transaction_destroy(spare);
        }
    }

    // Called by Dispose once the database has closed (no commit can still use the options).
    private void ReleaseTransactionOptions()
    {
        nint options = Interlocked.Exchange(ref _optimisticTransactionOptions, 0);
        if (options != 0)
        {
            NativeMethods.rocksdb_optimistictransaction_options_destroy(options);
        }
    }

    private sealed class RocksDbOptimisticWrite : OptimisticWrite
    {
        private readonly RocksDbEngine _engine;
        private readonly StorageSnapshot _snapshot;
        private readonly RocksDbWriteBatch _writes;
        private readonly RangeExpandingBatch _batch;
        private readonly bool _leased;
        private nint _transaction;
        private bool _conflict;

        public RocksDbOptimisticWrite(RocksDbEngine engine, StorageSnapshot snapshot, WriteDurability durability)
        {
            _engine = engine;
            _snapshot = snapshot;
            engine._database.DangerousAddRef(ref _leased);
            _writes = (RocksDbWriteBatch)engine.RentWriteBatch();
            _batch = new RangeExpandingBatch(engine, _writes);

            // Over the spare transaction when there is one: RocksDB reinitializes it (and returns it).
            nint spare = Interlocked.Exchange(ref engine._spareTransaction, 0);
            _transaction = NativeMethods.rocksdb_optimistictransaction_begin(
                engine._database.OptimisticPointer, engine.WriteOptionsFor(durability), engine.OptimisticTransactionOptions(), spare);
        }

        public override StorageWriteBatch Batch => _batch;

        public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
            => Validate(columnFamily, key, known: false, foundAtSnapshot: false, default);

        public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, bool found, ReadOnlySpan<byte> snapshotValue)
            => Validate(columnFamily, key, known: true, found, snapshotValue);

        // known: the caller read the key at the snapshot (found, snapshotValue), so the snapshot is not read again.
        private void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, bool known, bool foundAtSnapshot, ReadOnlySpan<byte> snapshotValue)
        {
            if (_conflict)
            {
                return;
            }

            RocksDbColumnFamily family = _engine.ColumnFamilyOf(columnFamily);
            byte* error = null;
            nint slice;
            fixed (byte* keyPointer = key)
            {
                slice = NativeMethods.rocksdb_transaction_get_pinned_for_update_cf(
                    _transaction, _engine._readOptions.Pointer, family.NativeHandle, NativeBytes.NonNull(keyPointer), (nuint)key.Length, exclusive: 1, &error);
            }

            if (error != null)
            {
                string message = NativeError.TakeMessage(error);
                if (IsConflict(message))
                {
                    _conflict = true;
                    return;
                }

                throw new StorageEngineException($"Column family '{family.Name}': RocksDB could not read a key for the transaction's validation: {message}");
            }

            try
            {
                ReadOnlySpan<byte> latest = default;
                bool found = slice != 0;
                if (found)
                {
                    nuint length;
                    byte* value = NativeMethods.rocksdb_pinnableslice_value(slice, &length);
                    latest = new ReadOnlySpan<byte>(value, (int)length);
                }

                _conflict = known
                    ? found != foundAtSnapshot || (found && !latest.SequenceEqual(snapshotValue))
                    : !SameAsSnapshot(columnFamily, key, found, latest);
            }
            finally
            {
                if (slice != 0)
                {
                    NativeMethods.rocksdb_pinnableslice_destroy(slice);
                }
            }
        }

        public override bool TryCommit()
        {
            if (_conflict)
            {
                return false;
            }

            byte* error = null;
            using (HandleLease batchLease = _writes.Handle.Lease())
            {
                NativeMethods.rocksdb_transaction_rebuild_from_writebatch(_transaction, _writes.Handle.Pointer, &error);
            }

            if (error != null)
            {
                NativeError.Throw(error, "transaction write");
            }

            NativeMethods.rocksdb_transaction_commit(_transaction, &error);
            if (error == null)
            {
                return true;
            }

            string message = NativeError.TakeMessage(error);
            return IsConflict(message)
                ? false
                : throw new StorageEngineException($"RocksDB could not commit the transaction: {message}");
        }

        public override void Dispose()
        {
            if (_transaction != 0)
            {
                // Uncommitted writes of a failed attempt are dropped when the object is begun again (or destroyed).
                _engine.ReturnTransaction(_transaction);
                _transaction = 0;
            }

            _engine.ReturnWriteBatch(_writes);
            if (_leased)
            {
                _engine._database.DangerousRelease();
            }
        }

        // Busy: a tracked key was written after it was tracked. TryAgain: RocksDB no longer holds enough history in
        // its memtables to tell (a flush came between); both mean "run the transaction again".
        private static bool IsConflict(string message)
            => message.StartsWith("Resource busy", StringComparison.Ordinal) || message.StartsWith("Operation failed. Try again", StringComparison.Ordinal);

        private bool SameAsSnapshot(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, bool found, ReadOnlySpan<byte> latest)
        {
            Span<byte> buffer = latest.Length <= 512 ? stackalloc byte[512] : new byte[latest.Length];
            int length = _engine.Get(columnFamily, key, buffer, _snapshot);
            if (length < 0 || !found)
            {
                return length < 0 && !found;
            }

            return length == latest.Length && buffer[..length].SequenceEqual(latest);
        }
    }

    /// <summary>
    /// The batch a transaction's commit records into. RocksDB transactions take no range deletes, so a range delete
    /// becomes one delete per key the range holds now, at commit (the keys are then tracked like every other write), and
    /// one per key this batch put before in the range (the engine does not hold those yet: a transaction that puts a row
    /// and then deletes its user or its range must not write the row).
    /// </summary>
    private sealed class RangeExpandingBatch : StorageWriteBatch
    {
        private readonly RocksDbEngine _engine;
        private readonly RocksDbWriteBatch _inner;

        // The keys put so far, back to back in one arena (no allocation per put): what a later range delete must remove
        // too. Kept through save-point rollbacks: deleting a key a rolled-back put had written deletes nothing more than
        // the range delete means to.
        private readonly List<(StorageColumnFamily ColumnFamily, int Offset, int Length)> _putKeys = [];
        private byte[] _putArena = [];
        private int _putArenaLength;

        public RangeExpandingBatch(RocksDbEngine engine, RocksDbWriteBatch inner)
        {
            _engine = engine;
            _inner = inner;
        }

        public override int Count => _inner.Count;

        public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            _inner.Put(columnFamily, key, value);
            if (_putArenaLength + key.Length > _putArena.Length)
            {
                Array.Resize(ref _putArena, Math.Max(_putArenaLength + key.Length, Math.Max(256, _putArena.Length * 2)));
            }

            key.CopyTo(_putArena.AsSpan(_putArenaLength));
            _putKeys.Add((columnFamily, _putArenaLength, key.Length));
            _putArenaLength += key.Length;
        }

        public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key) => _inner.Delete(columnFamily, key);

        public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
        {
            using (StorageIterator keys = _engine.CreateIterator(columnFamily, startKey, endKey))
            {
                for (keys.SeekToFirst(); keys.IsValid; keys.Next())
                {
                    _inner.Delete(columnFamily, keys.Key);
                }
            }

            foreach ((StorageColumnFamily family, int offset, int length) in _putKeys)
            {
                ReadOnlySpan<byte> key = _putArena.AsSpan(offset, length);
                if (ReferenceEquals(family, columnFamily) && key.SequenceCompareTo(startKey) >= 0 && (endKey.IsEmpty || key.SequenceCompareTo(endKey) < 0))
                {
                    _inner.Delete(columnFamily, key);
                }
            }
        }

        public override void Clear()
        {
            _inner.Clear();
            _putKeys.Clear();
            _putArenaLength = 0;
        }

        public override void SetSavePoint() => _inner.SetSavePoint();

        public override void RollbackToSavePoint() => _inner.RollbackToSavePoint();

        public override void PopSavePoint() => _inner.PopSavePoint();

        // The inner batch belongs to the optimistic write, which disposes it.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
