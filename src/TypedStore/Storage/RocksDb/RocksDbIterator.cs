using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// A native RocksDB iterator. Validity is cached after every move, and when a move leaves the iterator invalid
/// the native error status is checked, so an I/O error or corruption throws instead of looking like the end.
/// </summary>
/// <remarks>
/// Each move copies the entry's key and value, under the move's own handle lease, into managed buffers the
/// iterator owns; <see cref="Key"/> and <see cref="Value"/> are spans over those copies and make no native call.
/// One lease (two interlocked operations) per entry instead of three, and never a span into native memory: such
/// a span would outlive the lease, and when another thread disposes the engine (which disposes every open
/// iterator and closes the database) memtable and block memory is freed while the reader may still be decoding
/// it, crashing the process instead of giving <see cref="ObjectDisposedException"/> on its next call. The buffers
/// are rented from the shared pool and returned only by the owner's own <see cref="StorageIterator.Dispose()"/>
/// (after which its spans are invalid by contract), never by the engine's, so a reader racing the engine's
/// dispose still reads its own copy.
/// </remarks>
internal sealed unsafe class RocksDbIterator : StorageIterator
{
    private readonly RocksDbEngine _engine;
    private readonly IteratorHandle _handle;
    private readonly WeakReference<DatabaseChildHandle> _registration;
    private readonly string _columnFamilyName;
    private bool _valid;
    private byte[] _key = [];
    private int _keyLength;
    private byte[] _value = [];
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
            return new ReadOnlySpan<byte>(_key, 0, _keyLength);
        }
    }

    public override ReadOnlySpan<byte> Value
    {
        get
        {
            _handle.ThrowIfClosed();
            ThrowIfNotPositioned();
            return new ReadOnlySpan<byte>(_value, 0, _valueLength);
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
            _engine.Children.Remove(_registration);
            _handle.Dispose();
            ReturnCopy(ref _key);
            ReturnCopy(ref _value);
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
            ThrowIfIteratorFailed();
            return;
        }

        nuint keyLength;
        nuint valueLength;
        byte* key = NativeMethods.rocksdb_iter_key(_handle.Pointer, &keyLength);
        byte* value = NativeMethods.rocksdb_iter_value(_handle.Pointer, &valueLength);
        _keyLength = CopyOut(key, keyLength, ref _key);
        _valueLength = CopyOut(value, valueLength, ref _value);
    }

    /// <summary>Copies native bytes into <paramref name="buffer"/>, renting a larger one from the pool when needed.</summary>
    private static int CopyOut(byte* source, nuint nativeLength, ref byte[] buffer)
    {
        int length = checked((int)nativeLength);
        if (buffer.Length < length)
        {
            ReturnCopy(ref buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        new ReadOnlySpan<byte>(source, length).CopyTo(buffer);
        return length;
    }

    private static void ReturnCopy(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
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
