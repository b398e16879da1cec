namespace TypedStore;

/// <summary>
/// The store's own files are damaged (its manifest, write-ahead log or <c>CURRENT</c> file), so opening it could lose
/// or silently hide acknowledged data. <c>Open</c> refuses such a store and changes none of its files; restore it
/// from a backup or checkpoint, or repair a copy with <see cref="StoreRepair.RepairCopy"/> (see <c>docs/storage-core.md</c>).
/// </summary>
public sealed class StoreCorruptedException : StorageEngineException
{
    /// <summary>Creates an exception for a store whose files are damaged.</summary>
    public StoreCorruptedException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>The store's directory (absolute).</summary>
    public string? StorePath { get; init; }

    /// <summary>The damaged file (absolute), when one file is to blame.</summary>
    public string? DamagedFile { get; init; }
}
