namespace TypedStore;

/// <summary>
/// A backup cannot be taken, listed or restored: the backup directory is missing or is not one, the backup asked for
/// is not in it, a backup is damaged, or the restore target already holds something. The message names the
/// directory and the backup; a failed restore leaves the target path as it was (docs/operations.md).
/// </summary>
public sealed class BackupException : StorageEngineException
{
    /// <summary>Creates the exception.</summary>
    public BackupException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>The backup directory (absolute).</summary>
    public string? BackupDirectory { get; init; }

    /// <summary>The backup the operation was about, when it was about one.</summary>
    public int? BackupId { get; init; }
}
