using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TypedStore.Keys;

namespace TypedStore.Storage.RocksDb.Native;

/// <summary>
/// Turns RocksDB's <c>char** errptr</c> convention into exceptions. Every message is copied and then
/// released with <c>rocksdb_free</c> (it was malloc'ed inside librocksdb, so only librocksdb may free it).
/// The throw helpers are kept out of line so the success path of each call stays small.
/// </summary>
internal static unsafe class NativeError
{
    /// <summary>Copies the message out of <paramref name="error"/> and frees the native string.</summary>
    public static string TakeMessage(byte* error)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)error) ?? string.Empty;
        }
        finally
        {
            NativeMethods.rocksdb_free(error);
        }
    }

    /// <summary>Throws a <see cref="StorageEngineException"/> for a failed operation that is not about one key.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(byte* error, string operation, StorageColumnFamily? columnFamily = null)
    {
        string message = TakeMessage(error);
        throw new StorageEngineException($"RocksDB {operation} failed: {message}")
        {
            Table = columnFamily?.Name,
        };
    }

    /// <summary>Throws a <see cref="StorageEngineException"/> naming the column family and the key (as hex).</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(byte* error, string operation, StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        string message = TakeMessage(error);
        throw new StorageEngineException($"RocksDB {operation} failed in column family '{columnFamily.Name}': {message}")
        {
            Table = columnFamily.Name,
            Key = KeyDisplay.Render(key),
        };
    }

    /// <summary>
    /// Whether an open failure means another opener holds the store's <c>LOCK</c> file: RocksDB reports
    /// "lock hold by current process" for a second open in this process and the fcntl error
    /// ("Resource temporarily unavailable") when another process holds it; both name the LOCK file.
    /// Matched narrowly, because words such as "block" also contain "lock".
    /// </summary>
    public static bool IsLockError(string message)
        => message.Contains("/LOCK", StringComparison.Ordinal)
        || message.Contains("\\LOCK", StringComparison.Ordinal)
        || message.Contains("lock hold by", StringComparison.OrdinalIgnoreCase)
        || message.Contains("While lock file", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Resource temporarily unavailable", StringComparison.OrdinalIgnoreCase);
}
