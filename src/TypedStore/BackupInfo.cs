namespace TypedStore;

/// <summary>One backup in a backup directory, as <c>Backup</c> and <c>ListBackups</c> of a generated store report it (docs/operations.md).</summary>
/// <param name="Id">The backup's id in its directory (1, 2, ...): what <c>Restore</c> takes.</param>
/// <param name="Created">When the backup was taken (whole seconds, UTC).</param>
/// <param name="SizeBytes">The bytes of every file the backup consists of, files shared with other backups included.</param>
/// <param name="FileCount">How many files the backup consists of, shared ones included.</param>
public sealed record BackupInfo(int Id, DateTimeOffset Created, long SizeBytes, int FileCount);
