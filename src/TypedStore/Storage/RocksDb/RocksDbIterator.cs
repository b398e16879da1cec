using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// A native RocksDB iterator. <see cref="Key"/> and <see cref="Value"/> are spans over memory the iterator
/// owns (no copy); validity is cached after every move, and when a move leaves the iterator invalid the
/// native error status is checked, so an I/O error or corruption throws instead of looking like the end.
/// </summary>
/// <remarks>
/// Each move also captures the entry's key and value pointers, under the move's own handle lease: a scan
/// that reads both takes one lease (two interlocked operations) per entry instead of three, and the getters
/// make no native call. The pointers are what <c>rocksdb_iter_key</c>/<c>rocksdb_iter_value</c> would return
/// until the next move, and the getters refuse once Dispose was requested, so nothing outlives the contract.
/// </remarks>
internal sealed unsafe class RocksDbIterator : StorageIterator
{
    private readonly RocksDbEngine _engine;
    private readonly IteratorHandle _handle;
    private readonly WeakReference<DatabaseChildHandle> _registration;
    private readonly string _columnFamilyName;
    private bool _valid;
    private byte* _key;
    private int _keyLength;
    private byte* _value;
    private int _valueLength;

    internal RocksDbIterator(RocksDbEngine engine, IteratorHandle handle, WeakReference<DatabaseChildHandle> registration, string columnFamilyName)
    {
        _engine = engine;
        _handle = handle;
        _registration = registration;
        _columnFamilyName = columnFamilyName;
    }

    public override bool IsValid
    {
        get
        {
            _handle.ThrowIfClosed();
            return _valid;
        }
    }

    public override ReadOnlySpan<byte> Key
    {
        get
        {
            _handle.ThrowIfClosed();
            ThrowIfNotPositioned();
            return new ReadOnlySpan<byte>(_key, _keyLength);
        }
    }

    public override ReadOnlySpan<byte> Value
    {
        get
        {
            _handle.ThrowIfClosed();
            ThrowIfNotPositioned();
            return new ReadOnlySpan<byte>(_value, _valueLength);
        }
    }

    public override void SeekToFirst()
    {
        using HandleLease lease = _handle.Lease();
        NativeMethods.rocksdb_iter_seek_to_first(_handle.Pointer);
        UpdateValidity();
    }

    public override void SeekToLast()
    {
        using HandleLease lease = _handle.Lease();
        NativeMethods.rocksdb_iter_seek_to_last(_handle.Pointer);
        UpdateValidity();
    }

    public override void Seek(ReadOnlySpan<byte> key)
    {
        using HandleLease lease = _handle.Lease();
        fixed (byte* keyPointer = key)
        {
            NativeMethods.rocksdb_iter_seek(_handle.Pointer, NativeBytes.NonNull(keyPointer), (nuint)key.Length);
        }

        UpdateValidity();
    }

    public override void SeekForPrev(ReadOnlySpan<byte> key)
    {
        using HandleLease lease = _handle.Lease();
        fixed (byte* keyPointer = key)
        {
            NativeMethods.rocksdb_iter_seek_for_prev(_handle.Pointer, NativeBytes.NonNull(keyPointer), (nuint)key.Length);
        }

        UpdateValidity();
    }

    public override void Next()
    {
        using HandleLease lease = _handle.Lease();
        ThrowIfNotPositioned();
        NativeMethods.rocksdb_iter_next(_handle.Pointer);
        UpdateValidity();
    }

    public override void Previous()
    {
        using HandleLease lease = _handle.Lease();
        ThrowIfNotPositioned();
        NativeMethods.rocksdb_iter_prev(_handle.Pointer);
        UpdateValidity();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _valid = false;
            _key = null;
            _value = null;
            _engine.Children.Remove(_registration);
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Caches validity and the entry after a move (the caller holds the lease); an invalid iterator may mean an
    /// error rather than the end, so ask.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateValidity()
    {
        _valid = NativeMethods.rocksdb_iter_valid(_handle.Pointer) != 0;
        if (!_valid)
        {
            _key = null;
            _value = null;
            ThrowIfIteratorFailed();
            return;
        }

        nuint keyLength;
        nuint valueLength;
        _key = NativeMethods.rocksdb_iter_key(_handle.Pointer, &keyLength);
        _value = NativeMethods.rocksdb_iter_value(_handle.Pointer, &valueLength);
        _keyLength = checked((int)keyLength);
        _valueLength = checked((int)valueLength);
    }

    private void ThrowIfIteratorFailed()
    {
        byte* error = null;
        NativeMethods.rocksdb_iter_get_error(_handle.Pointer, &error);
        if (error != null)
        {
            string message = NativeError.TakeMessage(error);
            throw new StorageEngineException($"RocksDB iterator over column family '{_columnFamilyName}' failed: {message}")
            {
                Table = _columnFamilyName,
            };
        }
    }

    private void ThrowIfNotPositioned()
    {
        if (!_valid)
        {
            ThrowNotPositioned();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotPositioned()
        => throw new InvalidOperationException("The iterator is not positioned on an entry: seek first, and check IsValid before reading or moving.");
}
