using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// A native RocksDB write batch. Each record is one native call that copies the key and value into the
/// batch's own buffer, so the caller's spans need to live only for the call.
/// </summary>
internal sealed unsafe class RocksDbWriteBatch : StorageWriteBatch
{
    private readonly WeakReference<DatabaseChildHandle> _registration;

    // Save points set and not yet rolled back or popped: the native calls report a missing one only as a
    // NotFound status, so the count lets the batch refuse that case up front with the contract's exception.
    private int _savePoints;

    // The most recent of those, not yet set natively: nothing was recorded since they were set, so they mark the
    // batch's current end. The next record sets them natively, inside its own lease, before it appends; popping
    // or rolling back one of them needs no native call. A store batch sets a save point around every member, and
    // this keeps that to one native call (the pop) plus one inside the member's first write.
    private int _pendingSavePoints;

    internal RocksDbWriteBatch(RocksDbEngine engine, WriteBatchHandle handle, WeakReference<DatabaseChildHandle> registration)
    {
        Engine = engine;
        Handle = handle;
        _registration = registration;
    }

    /// <summary>The engine the batch belongs to (its column families are the only ones it accepts).</summary>
    internal RocksDbEngine Engine { get; }

    /// <summary>The native batch.</summary>
    internal WriteBatchHandle Handle { get; }

    public override int Count
    {
        get
        {
            using HandleLease lease = Handle.Lease();
            return NativeMethods.rocksdb_writebatch_count(Handle.Pointer);
        }
    }

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        using HandleLease lease = Handle.Lease();
        RocksDbColumnFamily family = Engine.ColumnFamilyOf(columnFamily);
        SetPendingSavePoints();
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
        {
            NativeMethods.rocksdb_writebatch_put_cf(
                Handle.Pointer, family.NativeHandle,
                NativeBytes.NonNull(keyPointer), (nuint)key.Length,
                NativeBytes.NonNull(valuePointer), (nuint)value.Length);
        }
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        using HandleLease lease = Handle.Lease();
        RocksDbColumnFamily family = Engine.ColumnFamilyOf(columnFamily);
        SetPendingSavePoints();
        fixed (byte* keyPointer = key)
        {
            NativeMethods.rocksdb_writebatch_delete_cf(Handle.Pointer, family.NativeHandle, NativeBytes.NonNull(keyPointer), (nuint)key.Length);
        }
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
    {
        using HandleLease lease = Handle.Lease();
        RocksDbColumnFamily family = Engine.ColumnFamilyOf(columnFamily);

        // Refused when recorded, so a reversed range can never reach the engine with the rest of the batch.
        KeyRangeArguments.ThrowIfReversed(family.Name, startKey, endKey);
        SetPendingSavePoints();
        fixed (byte* startPointer = startKey)
        fixed (byte* endPointer = endKey)
        {
            NativeMethods.rocksdb_writebatch_delete_range_cf(
                Handle.Pointer, family.NativeHandle,
                NativeBytes.NonNull(startPointer), (nuint)startKey.Length,
                NativeBytes.NonNull(endPointer), (nuint)endKey.Length);
        }
    }

    public override void Clear()
    {
        using HandleLease lease = Handle.Lease();
        NativeMethods.rocksdb_writebatch_clear(Handle.Pointer);
        _savePoints = 0;
        _pendingSavePoints = 0;
    }

    public override void SetSavePoint()
    {
        Handle.ThrowIfClosed();
        _savePoints++;
        _pendingSavePoints++;
    }

    public override void RollbackToSavePoint()
    {
        using HandleLease lease = Handle.Lease();
        if (TakeSavePoint())
        {
            return;
        }

        byte* error = null;
        NativeMethods.rocksdb_writebatch_rollback_to_save_point(Handle.Pointer, &error);
        if (error != null)
        {
            NativeError.Throw(error, "write batch rollback to save point");
        }
    }

    public override void PopSavePoint()
    {
        Handle.ThrowIfClosed();
        if (TakeSavePoint())
        {
            return;
        }

        using HandleLease lease = Handle.Lease();
        byte* error = null;
        NativeMethods.rocksdb_writebatch_pop_save_point(Handle.Pointer, &error);
        if (error != null)
        {
            NativeError.Throw(error, "write batch pop save point");
        }
    }

    // Forgets the most recent save point; true when it was only pending (no native call needed).
    private bool TakeSavePoint()
    {
        if (_savePoints == 0)
        {
            throw new InvalidOperationException("The write batch has no save point to roll back to or pop.");
        }

        _savePoints--;
        if (_pendingSavePoints == 0)
        {
            return false;
        }

        _pendingSavePoints--;
        return true;
    }

    // Called under the record's lease, right before it appends.
    private void SetPendingSavePoints()
    {
        for (; _pendingSavePoints > 0; _pendingSavePoints--)
        {
            NativeMethods.rocksdb_writebatch_set_save_point(Handle.Pointer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Engine.Children.Remove(_registration);
            Handle.Dispose();
        }
    }
}
