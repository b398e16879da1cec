using TypedStore.Storage.RocksDb;

namespace TypedStore;

/// <summary>
/// Recovers the rows of a store that <c>Open</c> refused with <see cref="StoreCorruptedException"/> (a damaged
/// MANIFEST, WAL or <c>CURRENT</c> file), without touching the damaged store itself.
/// </summary>
/// <remarks>
/// The repair copies the damaged directory and rebuilds the copy's MANIFEST from every table file and write-ahead
/// log in it (RocksDB's <c>RepairDB</c>): rows that only a damaged MANIFEST no longer named come back, and a
/// damaged WAL is replayed up to the damage. Afterwards open the copy as usual (the catalog is checked as on every
/// open) and check what it holds before you replace the original. The original stays byte-for-byte as it was,
/// so a backup or checkpoint can still be restored instead. See <c>docs/storage-core.md</c>, "Damaged store files".
/// </remarks>
public static class StoreRepair
{
    /// <summary>Copies the store at <paramref name="damagedPath"/> to <paramref name="repairedPath"/> and repairs the copy.</summary>
    /// <param name="damagedPath">The damaged store's directory; it must not be open (in any process) and is only read.</param>
    /// <param name="repairedPath">A directory that does not exist yet; it receives the repaired copy.</param>
    /// <exception cref="ArgumentException">
    /// A path is empty or contains a NUL character, both name the same directory, or <paramref name="damagedPath"/>
    /// holds no store files.
    /// </exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="damagedPath"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="repairedPath"/> already exists.</exception>
    /// <exception cref="StorageEngineException">The repair failed; the partial copy is removed again.</exception>
    public static void RepairCopy(string damagedPath, string repairedPath)
    {
        string source = FullPath(damagedPath, nameof(damagedPath));
        string target = FullPath(repairedPath, nameof(repairedPath));
        if (string.Equals(source.TrimEnd(Path.DirectorySeparatorChar), target.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new ArgumentException("The repaired copy must go to another directory than the damaged store.", nameof(repairedPath));
        }

        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"There is no store directory at '{source}'.");
        }

        if (!HoldsStoreFiles(source))
        {
            throw new ArgumentException($"'{source}' holds no store files (CURRENT, MANIFEST, table files or write-ahead logs); there is nothing to repair.", nameof(damagedPath));
        }

        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"'{target}' already exists; the repaired copy needs a new directory (nothing was written).");
        }

        try
        {
            CopyDirectory(source, target);
            RocksDbEngine.Repair(target);
        }
        catch
        {
            // Nothing half-made is left behind: the caller can simply try again.
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            throw;
        }
    }

    private static string FullPath(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, parameterName);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a NUL character.", parameterName);
        }

        return Path.GetFullPath(path);
    }

    private static bool HoldsStoreFiles(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(file);
            if (name == "CURRENT" || name.StartsWith("MANIFEST-", StringComparison.Ordinal)
                || name.EndsWith(".sst", StringComparison.Ordinal) || name.EndsWith(".log", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Everything but the LOCK file: the copy gets its own when RocksDB repairs it.
    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            string name = Path.GetFileName(file);
            if (name != "LOCK")
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }

        foreach (string directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
