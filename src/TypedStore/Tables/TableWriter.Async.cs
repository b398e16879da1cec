using System.Buffers;
using TypedStore.Diagnostics;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The async writes: <c>PutAsync</c>, <c>PutManyAsync</c>, <c>DeleteAsync</c>. On the store (a context that commits
/// each write) the write is handed to the engine's <see cref="StorageEngine.WriteAsync"/>, so an async engine blocks no
/// thread (a plain table's put through <see cref="StorageEngine.PutAsync"/>, every other write through
/// <see cref="StorageEngine.WriteAsync"/>); RocksDB and memory complete it synchronously and the returned task is
/// already complete, nothing allocated. In a batch or a transaction a write is only recorded, so the async form records
/// it synchronously and returns a completed task.
/// </content>
/// <remarks>
/// As in an <see langword="async"/> method, every failure (a null row, a key over the limit, a disposed store) comes
/// through the returned task and nothing is written; a token already cancelled gives a cancelled task and writes
/// nothing. Encoding runs before the first await, on the caller's stack buffers, exactly as in the synchronous members.
/// </remarks>
public sealed partial class TableWriter<TRow, TKey, TCodec>
{
    /// <summary>The async form of <see cref="Put{TContext}"/>.</summary>
    public ValueTask PutAsync<TContext>(in TContext context, TRow row, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        long started = TableMetrics.Start();
        ValueTask write;
        try
        {
            if (!context.CommitsEachWrite)
            {
                PutRow(context, row);
                write = default;
            }
            else if (_plainWrites)
            {
                write = PutPlainAsync(row, cancellationToken);
            }
            else
            {
                write = CommitOne(RecordOne(row), cancellationToken);
            }
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        return Completed(write, StoreOperation.Put, started);
    }

    /// <summary>The async form of <see cref="PutMany{TContext}(in TContext, IEnumerable{TRow})"/>: all of the rows in one atomic write, or none.</summary>
    public ValueTask PutManyAsync<TContext>(in TContext context, IEnumerable<TRow> rows, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
        => PutManyAsync(context, rows, advanceIds: false, cancellationToken);

    /// <summary>The async form of <see cref="Delete{TContext}"/>.</summary>
    public ValueTask DeleteAsync<TContext>(in TContext context, TKey key, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        long started = TableMetrics.Start();
        ValueTask write;
        try
        {
            if (!context.CommitsEachWrite)
            {
                DeleteRow(context, key);
                write = default;
            }
            else
            {
                WriteSet writes = RentDirectSet();
                try
                {
                    RecordDelete(writes, key);
                }
                catch
                {
                    WriteSet.Return(writes);
                    throw;
                }

                // A plain table's set is one op and no step: one WriteAsync, as the synchronous Delete is one engine call.
                write = CommitPipeline.CommitAndReturnAsync(_store.Engine, writes, cancellationToken);
            }
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        return Completed(write, StoreOperation.Delete, started);
    }

    /// <summary>
    /// <see cref="PutManyAsync{TContext}(in TContext, IEnumerable{TRow}, CancellationToken)"/>; with
    /// <paramref name="advanceIds"/> the generated ids move past the highest id written before the write is handed to
    /// the engine (as in the synchronous PutMany).
    /// </summary>
    internal ValueTask PutManyAsync<TContext>(in TContext context, IEnumerable<TRow> rows, bool advanceIds, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        long started = TableMetrics.Start();
        ValueTask write;
        try
        {
            ArgumentNullException.ThrowIfNull(rows);
            if (!context.CommitsEachWrite)
            {
                PutRows(context, rows, advanceIds);
                write = default;
            }
            else if (_plainWrites)
            {
                write = PutManyPlainAsync(rows, advanceIds, cancellationToken);
            }
            else
            {
                WriteSet writes = RentDirectSet();
                try
                {
                    long highest = RecordPutMany(writes, rows, advanceIds);
                    if (advanceIds && highest != long.MinValue)
                    {
                        _generatedIds.AdvancePast(highest);
                    }
                }
                catch
                {
                    WriteSet.Return(writes);
                    throw;
                }

                write = CommitPipeline.CommitAndReturnAsync(_store.Engine, writes, cancellationToken);
            }
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        return Completed(write, StoreOperation.PutMany, started);
    }

    // A one-member set of the store's own, as the store's WriteScope rents (the engine read first: a disposed store refuses).
    private WriteSet RentDirectSet()
    {
        _store.ThrowIfDisposed();
        WriteSet writes = WriteSet.Rent();
        writes.RequireDurability(_durability);
        return writes;
    }

    // A featured table's direct put: the row recorded (with what its features add) into a set of its own.
    private WriteSet RecordOne(TRow row)
    {
        WriteSet writes = RentDirectSet();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            RecordPut(writes, row, ref value, _store.GetUtcNowTicks());
        }
        catch
        {
            WriteSet.Return(writes);
            throw;
        }
        finally
        {
            value.Dispose();
        }

        return writes;
    }

    private ValueTask CommitOne(WriteSet writes, CancellationToken cancellationToken)
        => CommitPipeline.CommitAndReturnAsync(_store.Engine, writes, cancellationToken);

    // A plain table's direct put: the row encoded on the stack as in Put, then key and value copied into one pooled
    // array (an engine that answers later must be able to read them after this method returns), one PutAsync.
    private ValueTask PutPlainAsync(TRow row, CancellationToken cancellationToken)
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        StorageEngine engine = _store.Engine;
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        byte[] bytes;
        int keyLength;
        int valueLength;
        try
        {
            _table.EncodeRowKey(ref key, TCodec.GetKey(row));
            _table.EncodeValue(ref value, row, ValueFlags.None, _store.GetUtcNowTicks());
            keyLength = key.Length;
            valueLength = value.WrittenSpan.Length;
            bytes = ArrayPool<byte>.Shared.Rent(keyLength + valueLength);
            key.WrittenSpan.CopyTo(bytes);
            value.WrittenSpan.CopyTo(bytes.AsSpan(keyLength));
        }
        finally
        {
            value.Dispose();
            key.Dispose();
        }

        ValueTask write;
        try
        {
            write = engine.PutAsync(_columnFamily, bytes.AsMemory(0, keyLength), bytes.AsMemory(keyLength, valueLength), _durability, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }

        if (write.IsCompleted)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            return write;
        }

        return ReturnAfter(write, bytes);
    }

    private static async ValueTask ReturnAfter(ValueTask write, byte[] bytes)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private ValueTask PutManyPlainAsync(IEnumerable<TRow> rows, bool advanceIds, CancellationToken cancellationToken)
    {
        StorageEngine engine = _store.Engine;
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        StorageWriteBatch batch = engine.RentWriteBatch();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPlainPut(batch, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, _table.GeneratedIdKeys!.IdOf(TCodec.GetKey(row)));
                }
            }

            if (advanceIds && batch.Count > 0)
            {
                _generatedIds.AdvancePast(highest);
            }
        }
        catch
        {
            engine.ReturnWriteBatch(batch);
            throw;
        }
        finally
        {
            value.Dispose();
        }

        if (batch.Count == 0)
        {
            engine.ReturnWriteBatch(batch);
            return default;
        }

        return WriteAndReturn(engine, batch, cancellationToken);
    }

    // Hands the batch to the engine and gives it back when the write is done: at once when it completed synchronously.
    private ValueTask WriteAndReturn(StorageEngine engine, StorageWriteBatch batch, CancellationToken cancellationToken)
    {
        ValueTask write;
        try
        {
            write = engine.WriteAsync(batch, _durability, cancellationToken);
        }
        catch
        {
            engine.ReturnWriteBatch(batch);
            throw;
        }

        if (write.IsCompleted)
        {
            engine.ReturnWriteBatch(batch);
            return write;
        }

        return ReturnAfter(write, engine, batch);
    }

    private static async ValueTask ReturnAfter(ValueTask write, StorageEngine engine, StorageWriteBatch batch)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            engine.ReturnWriteBatch(batch);
        }
    }

    // Counts the operation once it succeeded: at once on the synchronous path, after the await otherwise.
    private ValueTask Completed(ValueTask write, StoreOperation operation, long started)
    {
        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            _metrics.Completed(operation, started);
            return default;
        }

        return write.IsCompleted ? write : CountAfter(write, operation, started);
    }

    private async ValueTask CountAfter(ValueTask write, StoreOperation operation, long started)
    {
        await write.ConfigureAwait(false);
        _metrics.Completed(operation, started);
    }
}
