using System.ComponentModel;
using System.Runtime.CompilerServices;
using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// Encodes the first key parts of a table into a stack buffer (<see cref="TableCore{TRow, TKey, TCodec}.StackKeyLength"/>
/// bytes, spilling to the array pool for longer prefixes) and runs one table operation over the encoded prefix:
/// what the generated <c>Scan(k1..km)</c>, <c>CountUser</c>, <c>DeleteUser</c> and per-user <c>ReadChanges</c> call.
/// For generated code only.
/// </summary>
/// <remarks>
/// Allocation-free when called as generated code does: the parts writer is a static codec method and the
/// operation a static lambda (both delegates are cached by the compiler), and whatever the operation needs
/// besides the table and the prefix is passed in as <c>state</c>, never captured. The prefix lives only for
/// the call: an operation that keeps it (a lazy scan) copies it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[SkipLocalsInit]
public static class KeyPrefix
{
    /// <summary>Writes the prefix's key parts (one part, or a tuple of them), as the table's codec encodes them.</summary>
    /// <typeparam name="TParts">The key part, or a tuple of the key parts, in key order.</typeparam>
    public delegate void PartsWriter<TParts>(ref KeyWriter writer, TParts parts);

    /// <summary>Encodes <paramref name="parts"/> with <paramref name="write"/> and returns <paramref name="use"/>'s result for the encoded prefix.</summary>
    public static TResult Use<TRow, TKey, TCodec, TParts, TResult>(
        TableCore<TRow, TKey, TCodec> table,
        TParts parts,
        PartsWriter<TParts> write,
        Func<TableCore<TRow, TKey, TCodec>, ReadOnlySpan<byte>, TResult> use)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        KeyWriter prefix = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            WritePrefix(table, ref prefix, parts, write);
            return use(table, prefix.WrittenSpan);
        }
        finally
        {
            prefix.Dispose();
        }
    }

    /// <summary>Encodes <paramref name="parts"/> with <paramref name="write"/> and returns <paramref name="use"/>'s result for the encoded prefix and <paramref name="state"/>.</summary>
    public static TResult Use<TRow, TKey, TCodec, TParts, TState, TResult>(
        TableCore<TRow, TKey, TCodec> table,
        TParts parts,
        PartsWriter<TParts> write,
        TState state,
        Func<TableCore<TRow, TKey, TCodec>, ReadOnlySpan<byte>, TState, TResult> use)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        KeyWriter prefix = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            WritePrefix(table, ref prefix, parts, write);
            return use(table, prefix.WrittenSpan, state);
        }
        finally
        {
            prefix.Dispose();
        }
    }

    /// <summary>Encodes <paramref name="parts"/> with <paramref name="write"/> and runs <paramref name="use"/> for the encoded prefix.</summary>
    public static void Use<TRow, TKey, TCodec, TParts>(
        TableCore<TRow, TKey, TCodec> table,
        TParts parts,
        PartsWriter<TParts> write,
        Action<TableCore<TRow, TKey, TCodec>, ReadOnlySpan<byte>> use)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        KeyWriter prefix = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            WritePrefix(table, ref prefix, parts, write);
            use(table, prefix.WrittenSpan);
        }
        finally
        {
            prefix.Dispose();
        }
    }

    /// <summary>Encodes <paramref name="parts"/> with <paramref name="write"/> and runs <paramref name="use"/> for the encoded prefix and <paramref name="state"/>.</summary>
    public static void Use<TRow, TKey, TCodec, TParts, TState>(
        TableCore<TRow, TKey, TCodec> table,
        TParts parts,
        PartsWriter<TParts> write,
        TState state,
        Action<TableCore<TRow, TKey, TCodec>, ReadOnlySpan<byte>, TState> use)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        KeyWriter prefix = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            WritePrefix(table, ref prefix, parts, write);
            use(table, prefix.WrittenSpan, state);
        }
        finally
        {
            prefix.Dispose();
        }
    }

    // A refusal of the prefix's parts (a null user id, an over-long part) names the table, like a row key's.
    private static void WritePrefix<TRow, TKey, TCodec, TParts>(TableCore<TRow, TKey, TCodec> table, ref KeyWriter prefix, TParts parts, PartsWriter<TParts> write)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
    {
        try
        {
            write(ref prefix, parts);
        }
        catch (ArgumentException ex)
        {
            throw table.KeyRefused(ex);
        }
    }
}
