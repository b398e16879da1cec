using System.Buffers;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;
using TypedStore.Values;

namespace TypedStore.Storage.RocksDb;

/// <summary>Get-many over <c>rocksdb_batched_multi_get_cf</c>: one native call for every key.</summary>
internal sealed unsafe partial class RocksDbEngine
{
    // Up to this many keys, the native call's four per-key arrays live on the stack (32 × 4 × 8 bytes).
    private const int StackMultiGetKeys = 32;

    public override void GetMany(
        StorageColumnFamily columnFamily,
        ReadOnlySpan<byte> keys,
        ReadOnlySpan<int> keyLengths,
        ValueBuffer values,
        Span<int> valueLengths,
        StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is not null)
        {
            base.GetMany(columnFamily, keys, keyLengths, values, valueLengths, snapshot);
            return;
        }

        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        ThrowIfGetManyArgumentsInvalid(keys, keyLengths, values, valueLengths);
        SnapshotHandle? snapshotHandle = SnapshotOf(snapshot);
        int count = keyLengths.Length;
        if (count == 0)
        {
            _database.ThrowIfClosed();
            return;
        }

        // Four pointer-sized slots per key, in four runs: key pointers, key lengths, value slices, errors.
        nint[]? rented = null;
        Span<nint> slots = count <= StackMultiGetKeys
            ? stackalloc nint[StackMultiGetKeys * 4]
            : (rented = ArrayPool<nint>.Shared.Rent(count * 4));
        slots = slots[..(count * 4)];
        slots.Clear();
        try
        {
            using HandleLease databaseLease = _database.Lease();
            using HandleLease snapshotLease = snapshotHandle is null ? default : snapshotHandle.Lease();
            nint readOptions = snapshotHandle is null ? _readOptions.Pointer : snapshotHandle.ReadOptions;
            fixed (byte* keysPointer = keys)
            fixed (nint* slotPointer = slots)
            {
                byte** keyPointers = (byte**)slotPointer;
                nuint* keySizes = (nuint*)(slotPointer + count);
                nint* slices = slotPointer + (2 * count);
                byte** errors = (byte**)(slotPointer + (3 * count));
                byte* next = NativeBytes.NonNull(keysPointer);
                for (int i = 0; i < count; i++)
                {
                    keyPointers[i] = next;
                    keySizes[i] = (nuint)keyLengths[i];
                    next += keyLengths[i];
                }

                NativeMethods.rocksdb_batched_multi_get_cf(
                    _database.Pointer, readOptions, family.NativeHandle, (nuint)count, keyPointers, keySizes, slices, errors, sortedInput: 0);
                CollectMultiGet(family, keys, keyLengths, values, valueLengths, slices, errors);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<nint>.Shared.Return(rented);
            }
        }
    }

    // Copies the found values (under the caller's lease: a pinned slice may point into a memtable or a cached
    // block), then releases every slice and every error message whatever happens; the first error is thrown last.
    private static void CollectMultiGet(
        RocksDbColumnFamily family, ReadOnlySpan<byte> keys, ReadOnlySpan<int> keyLengths, ValueBuffer values, Span<int> valueLengths, nint* slices, byte** errors)
    {
        int count = keyLengths.Length;
        int failed = -1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                if (errors[i] != null && failed < 0)
                {
                    failed = i;
                }
            }

            for (int i = 0; failed < 0 && i < count; i++)
            {
                if (slices[i] == 0)
                {
                    valueLengths[i] = -1;
                    continue;
                }

                nuint length;
                byte* value = NativeMethods.rocksdb_pinnableslice_value(slices[i], &length);
                if (length > int.MaxValue)
                {
                    ThrowValueTooLarge(family, length);
                }

                new ReadOnlySpan<byte>(value, (int)length).CopyTo(values.GetSpan((int)length));
                values.Advance((int)length);
                valueLengths[i] = (int)length;
            }
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                if (slices[i] != 0)
                {
                    NativeMethods.rocksdb_pinnableslice_destroy(slices[i]);
                    slices[i] = 0;
                }

                if (errors[i] != null && i != failed)
                {
                    NativeMethods.rocksdb_free(errors[i]);
                    errors[i] = null;
                }
            }
        }

        if (failed >= 0)
        {
            int offset = 0;
            for (int i = 0; i < failed; i++)
            {
                offset += keyLengths[i];
            }

            NativeError.Throw(errors[failed], "multi-get", family, keys.Slice(offset, keyLengths[failed]));
        }
    }
}
