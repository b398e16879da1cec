using TypedStore.Features.ChangeFeed;
using TypedStore.Runtime.Contexts;
using TypedStore.Tables;

namespace TypedStore.Tests;

/// <summary>
/// The table runtime's operations in the forms tests call them on a <see cref="TableCore{TRow, TKey, TCodec}"/> they
/// build by hand: on the store itself, in a batch (<see cref="StoreBatchRuntime"/>) or at a snapshot
/// (<see cref="StoreSnapshotRuntime"/>, <see langword="null"/>: the store). Each is the one call generated code makes:
/// the table's reader, writer or feature object with the matching context (<see cref="DirectContext"/>,
/// <see cref="BatchContext"/>, <see cref="SnapshotContext"/>).
/// </summary>
internal static class TableCoreCalls
{
    public static void Put<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, TRow row)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.Put(table.Store.Context, row);

    public static void Put<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, TRow row)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.Put(batch.Context, row);

    public static void PutMany<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, IEnumerable<TRow> rows)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.PutMany(table.Store.Context, rows);

    public static void PutMany<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, IEnumerable<TRow> rows)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.PutMany(batch.Context, rows);

    public static void PutAdvancingIds<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, TRow row)
        where TKey : struct
        where TCodec : struct, IGeneratedIdCodec<TRow, TKey>
        => table.GeneratedIds.Put<TCodec, BatchContext>(batch.Context, row);

    public static TRow Append<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, TRow row)
        where TKey : struct
        where TCodec : struct, IGeneratedIdCodec<TRow, TKey>
        => table.GeneratedIds.Append<TCodec, DirectContext>(table.Store.Context, row);

    public static TRow Append<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, TRow row)
        where TKey : struct
        where TCodec : struct, IGeneratedIdCodec<TRow, TKey>
        => table.GeneratedIds.Append<TCodec, BatchContext>(batch.Context, row);

    public static void Delete<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.Delete(table.Store.Context, key);

    public static void Delete<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.Delete(batch.Context, key);

    public static void Restore<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.SoftDelete!.Restore(batch.Context, key);

    public static void Purge<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, StoreBatchRuntime batch, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.SoftDelete!.Purge(batch.Context, key);

    public static void DeletePrefix<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> prefix)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Writer.DeletePrefix(table.Store.Context, prefix);

    public static void Restore<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.SoftDelete!.Restore(table.Store.Context, key);

    public static void Purge<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.SoftDelete!.Purge(table.Store.Context, key);

    public static long PurgeDeleted<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, DateTimeOffset olderThan)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.SoftDelete!.PurgeDeleted(olderThan);

    public static void EvictExpired<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.Eviction?.EvictExpired();

    public static bool TryGet<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key, StoreSnapshotRuntime? snapshot, out TRow row)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.TryGet(table.Store.Context, key, out row!) : table.Reader.TryGet(snapshot.Context, key, out row!);

    public static bool TryGetEntry<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key, StoreSnapshotRuntime? snapshot, out TableEntry<TRow> entry)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.TryGetEntry(table.Store.Context, key, out entry) : table.Reader.TryGetEntry(snapshot.Context, key, out entry);

    public static bool Exists<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, in TKey key, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.Exists(table.Store.Context, key) : table.Reader.Exists(snapshot.Context, key);

    public static IEnumerable<TRow> Scan<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> prefix, bool reverse, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.Scan(table.Store.Context, prefix, reverse) : table.Reader.Scan(snapshot.Context, prefix, reverse);

    public static IEnumerable<TRow> Scan<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.Scan(table.Store.Context, prefix, reverse, includeDeleted) : table.Reader.Scan(snapshot.Context, prefix, reverse, includeDeleted);

    public static IEnumerable<TableEntry<TRow>> ScanEntries<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.ScanEntries(table.Store.Context, prefix, reverse, includeDeleted) : table.Reader.ScanEntries(snapshot.Context, prefix, reverse, includeDeleted);

    public static long Count<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> prefix, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? table.Reader.Count(table.Store.Context, prefix) : table.Reader.Count(snapshot.Context, prefix);

    public static IEnumerable<TableChange<TRow, TKey>> ReadChanges<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, long sinceSequence, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? Feed(table).ReadChanges(table.Store.Context, sinceSequence) : Feed(table).ReadChanges(snapshot.Context, sinceSequence);

    public static IEnumerable<TableChange<TRow, TKey>> ReadChanges<TRow, TKey, TCodec>(this TableCore<TRow, TKey, TCodec> table, ReadOnlySpan<byte> userPrefix, long sinceSequence, StoreSnapshotRuntime? snapshot)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => snapshot is null ? Feed(table).ReadChanges(table.Store.Context, userPrefix, sinceSequence) : Feed(table).ReadChanges(snapshot.Context, userPrefix, sinceSequence);

    private static ChangeFeedReader<TRow, TKey, TCodec> Feed<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> table)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => table.ChangeFeed ?? throw new InvalidOperationException($"Table '{table.Descriptor.Name}' does not have ChangeFeed = true; it records no changes.");
}
