namespace TypedStore.Storage.RocksDb.Recovery;

/// <summary>Where a RocksDB log-format file (MANIFEST or WAL) stops being readable, and why.</summary>
/// <param name="Offset">The byte offset of the first record that cannot be read.</param>
/// <param name="Reason">What is wrong there, for people.</param>
internal readonly record struct LogFileDamage(long Offset, string Reason);
