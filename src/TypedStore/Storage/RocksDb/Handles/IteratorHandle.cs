using System.Runtime.InteropServices;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns a <c>rocksdb_iterator_t</c> together with what it points into: its own read options and a native
/// copy of the iterate bounds. RocksDB keeps pointers to both (the read options hold the bound slices by
/// pointer, the iterator holds the read options' slices), so they are freed only after the iterator.
/// When reading a snapshot it also holds a reference on the <see cref="SnapshotHandle"/>.
/// </summary>
internal sealed unsafe class IteratorHandle : DatabaseChildHandle
{
    private nint _readOptions;
    private byte* _bounds;
    private SnapshotHandle? _snapshot;

    private IteratorHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbIterator);

    /// <summary>
    /// Creates an iterator over <paramref name="columnFamily"/> (a column family handle of <paramref name="database"/>,
    /// which the caller holds a lease on), bounded to [<paramref name="lowerBound"/>, <paramref name="upperBound"/>)
    /// where non-empty, reading <paramref name="snapshot"/> when given, with <paramref name="scanOptions"/> (a knob
    /// measurement's read options) when given.
    /// </summary>
    public static IteratorHandle Create(
        DatabaseHandle database, nint columnFamily, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound, SnapshotHandle? snapshot, ScanReadOptions? scanOptions = null)
    {
        var iterator = new IteratorHandle();
        iterator.AddDatabaseReference(database);
        try
        {
            if (snapshot is not null)
            {
                snapshot.AddReference();
                iterator._snapshot = snapshot;
            }

            iterator._readOptions = NativeMethods.rocksdb_readoptions_create();
            scanOptions?.ApplyTo(iterator._readOptions);
            if (snapshot is not null)
            {
                NativeMethods.rocksdb_readoptions_set_snapshot(iterator._readOptions, snapshot.Pointer);
            }

            // One block holds both bounds; a span must not be pinned beyond this call, so copy.
            int boundsLength = lowerBound.Length + upperBound.Length;
            if (boundsLength > 0)
            {
                iterator._bounds = (byte*)NativeMemory.Alloc((nuint)boundsLength);
                lowerBound.CopyTo(new Span<byte>(iterator._bounds, lowerBound.Length));
                upperBound.CopyTo(new Span<byte>(iterator._bounds + lowerBound.Length, upperBound.Length));
            }

            // An empty span means unbounded on that side, so only non-empty bounds are set.
            if (!lowerBound.IsEmpty)
            {
                NativeMethods.rocksdb_readoptions_set_iterate_lower_bound(iterator._readOptions, iterator._bounds, (nuint)lowerBound.Length);
            }

            if (!upperBound.IsEmpty)
            {
                NativeMethods.rocksdb_readoptions_set_iterate_upper_bound(
                    iterator._readOptions, iterator._bounds + lowerBound.Length, (nuint)upperBound.Length);
            }

            iterator.SetHandle(NativeMethods.rocksdb_create_iterator_cf(database.Pointer, iterator._readOptions, columnFamily));
            return iterator;
        }
        catch
        {
            // The native iterator was not created, so ReleaseHandle will never run: undo by hand.
            iterator.ReleaseCompanions();
            iterator.AbandonDatabaseReference();
            iterator.SetHandleAsInvalid();
            throw;
        }
    }

    protected override void ReleaseNativeObject()
    {
        NativeMethods.rocksdb_iter_destroy(handle);
        ReleaseCompanions();
    }

    private void ReleaseCompanions()
    {
        if (_readOptions != 0)
        {
            NativeMethods.rocksdb_readoptions_destroy(_readOptions);
            _readOptions = 0;
        }

        if (_bounds != null)
        {
            NativeMemory.Free(_bounds);
            _bounds = null;
        }

        _snapshot?.DangerousRelease();
        _snapshot = null;
    }
}
