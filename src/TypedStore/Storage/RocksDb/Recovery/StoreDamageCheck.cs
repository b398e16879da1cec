namespace TypedStore.Storage.RocksDb.Recovery;

/// <summary>
/// Checks made on an existing store directory before RocksDB is allowed to open it, because RocksDB's own recovery
/// is lenient in two ways that lose data for good: a directory holding a store but no <c>CURRENT</c> file is
/// initialised as a new, empty store (whose first open then deletes every table file as obsolete), and a MANIFEST
/// whose last records are damaged is read as the older version before them (the table files named only by the lost
/// edits are deleted as obsolete: a store of 20,000 rows opened with none). Both are refused with
/// <see cref="StoreCorruptedException"/>, before any native call, so nothing in the directory is changed.
/// </summary>
/// <remarks>
/// Damage in the middle of the MANIFEST or of a WAL is refused by RocksDB itself (paranoid checks, and the WAL
/// recovery mode <c>kTolerateCorruptedTailRecords</c> set at open); <see cref="ForOpenFailure"/> turns its
/// "Corruption:" errors into the same exception. A WAL with a torn last record, what a crash leaves, still opens.
/// </remarks>
internal static class StoreDamageCheck
{
    private const string CurrentFileName = "CURRENT";
    private const string ManifestPrefix = "MANIFEST-";

    /// <summary>
    /// Refuses <paramref name="fullPath"/> when it is a damaged store; does nothing for a missing or empty directory
    /// (those are created or refused by the open's other checks).
    /// </summary>
    public static void ThrowIfDamaged(string fullPath)
    {
        if (!Directory.Exists(fullPath))
        {
            return;
        }

        string current = Path.Combine(fullPath, CurrentFileName);
        if (!File.Exists(current))
        {
            ThrowIfStoreWithoutCurrent(fullPath, current);
            return;
        }

        string? manifestName = ReadManifestName(current);
        if (manifestName is null)
        {
            // Malformed CURRENT: RocksDB reports it as corruption, which ForOpenFailure classifies.
            return;
        }

        string manifest = Path.Combine(fullPath, manifestName);
        if (!File.Exists(manifest))
        {
            throw new StoreCorruptedException(
                $"The store at '{fullPath}' is damaged: its {CurrentFileName} file names '{manifestName}', which does not exist. "
                + $"Nothing was changed. {RecoveryAdvice}")
            {
                StorePath = fullPath,
                DamagedFile = current,
            };
        }

        if (LogFileVerifier.FindDamage(manifest) is { } damage)
        {
            throw new StoreCorruptedException(
                $"The store at '{fullPath}' is damaged: its manifest '{manifestName}' cannot be read past byte {damage.Offset} "
                + $"({damage.Reason}). Opening it would lose the table files named after that point. Nothing was changed. {RecoveryAdvice}")
            {
                StorePath = fullPath,
                DamagedFile = manifest,
            };
        }
    }

    /// <summary>
    /// The exception for a failed RocksDB open whose message reports corruption, naming the damaged file when RocksDB
    /// does or when one of the store's WAL files is the one that cannot be read; <see langword="null"/> for other failures.
    /// </summary>
    public static StoreCorruptedException? ForOpenFailure(string fullPath, string nativeMessage)
    {
        if (!nativeMessage.StartsWith("Corruption:", StringComparison.Ordinal))
        {
            return null;
        }

        string? damagedFile = FileNamedIn(fullPath, nativeMessage) ?? FirstDamagedWal(fullPath);
        string what = damagedFile is null ? "one of its files" : $"'{Path.GetFileName(damagedFile)}'";
        return new StoreCorruptedException(
            $"The store at '{fullPath}' is damaged ({what}); RocksDB refused to open it: {nativeMessage}. Nothing was deleted. {RecoveryAdvice}")
        {
            StorePath = fullPath,
            DamagedFile = damagedFile,
        };
    }

    private const string RecoveryAdvice =
        "Restore the store from a backup or checkpoint, or repair a copy of the directory with "
        + "StoreRepair.RepairCopy(damagedPath, repairedPath) (see docs/storage-core.md, 'Damaged store files').";

    /// <summary>
    /// A directory with a MANIFEST, table files, WAL files or blob files but no CURRENT is a store that lost its
    /// CURRENT file, not an empty directory: RocksDB would create a new store over it.
    /// </summary>
    private static void ThrowIfStoreWithoutCurrent(string fullPath, string current)
    {
        foreach (string file in Directory.EnumerateFiles(fullPath))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith(ManifestPrefix, StringComparison.Ordinal)
                || name.EndsWith(".sst", StringComparison.Ordinal)
                || name.EndsWith(".log", StringComparison.Ordinal)
                || name.EndsWith(".blob", StringComparison.Ordinal))
            {
                throw new StoreCorruptedException(
                    $"The store at '{fullPath}' is damaged: it holds store files ('{name}', ...) but no {CurrentFileName} file, "
                    + $"so it would be initialised as a new, empty store. Nothing was changed. {RecoveryAdvice}")
                {
                    StorePath = fullPath,
                    DamagedFile = current,
                };
            }
        }
    }

    /// <summary>The manifest file name CURRENT holds ("MANIFEST-000005\n"), or null when it holds something else.</summary>
    private static string? ReadManifestName(string current)
    {
        string text = File.ReadAllText(current);
        if (!text.EndsWith('\n'))
        {
            return null;
        }

        string name = text[..^1];
        return name.StartsWith(ManifestPrefix, StringComparison.Ordinal)
            && name.Length > ManifestPrefix.Length
            && name.AsSpan(ManifestPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
            ? name
            : null;
    }

    /// <summary>A file of the store that RocksDB's message names (it writes full paths), if any.</summary>
    private static string? FileNamedIn(string fullPath, string nativeMessage)
    {
        string prefix = fullPath + Path.DirectorySeparatorChar;
        int start = nativeMessage.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        int end = start + prefix.Length;
        while (end < nativeMessage.Length && !char.IsWhiteSpace(nativeMessage[end]) && nativeMessage[end] is not (':' or ',' or ')' or '\''))
        {
            end++;
        }

        string candidate = nativeMessage[start..end].TrimEnd('.');
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>The first WAL file (in log-number order) that does not read cleanly, if any.</summary>
    private static string? FirstDamagedWal(string fullPath)
    {
        // Log numbers are zero-padded to six digits and grow past them, so shorter names sort first.
        string[] wals = Directory.GetFiles(fullPath, "*.log");
        Array.Sort(wals, static (left, right) => left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right));
        foreach (string wal in wals)
        {
            if (LogFileVerifier.FindDamage(wal) is not null)
            {
                return wal;
            }
        }

        return null;
    }
}
