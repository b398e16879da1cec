using TypedStore.Storage.RocksDb;
using TypedStore.Storage.RocksDb.Recovery;

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
    /// <param name="damagedPath">
    /// The damaged store's directory, only read. It must not be open: on Linux its <c>LOCK</c> is taken for the
    /// copy (an open store is refused with <see cref="StoreLockedException"/>, and no one can open it meanwhile);
    /// elsewhere this is not checked.
    /// </param>
    /// <param name="repairedPath">A directory that does not exist yet; it receives the repaired copy.</param>
    /// <exception cref="ArgumentException">
    /// A path is empty or contains a NUL character, both name the same directory, the copy would go inside the
    /// damaged store's directory, or <paramref name="damagedPath"/> holds no store files.
    /// </exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="damagedPath"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="repairedPath"/> already exists.</exception>
    /// <exception cref="StoreLockedException">The damaged store is open, in this process or another one.</exception>
    /// <exception cref="StorageEngineException">The repair failed; the partial copy is removed again.</exception>
    public static void RepairCopy(string damagedPath, string repairedPath)
    {
        string source = FullPath(damagedPath, nameof(damagedPath));
        string target = FullPath(repairedPath, nameof(repairedPath));
        string sourceDirectory = Path.TrimEndingDirectorySeparator(source);
        string targetDirectory = Path.TrimEndingDirectorySeparator(target);
        if (string.Equals(sourceDirectory, targetDirectory, StringComparison.Ordinal))
        {
            throw new ArgumentException("The repaired copy must go to another directory than the damaged store.", nameof(repairedPath));
        }

        if (targetDirectory.StartsWith(sourceDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            // The copy would copy itself, level after level, until the disk or the path length gave out.
            throw new ArgumentException($"The repaired copy cannot go inside the damaged store's directory '{sourceDirectory}'.", nameof(repairedPath));
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

        // Held while copying: an open store's files change under the copy (and, with the WAL off, its rows are
        // not even in the files yet), and no one may open it until the copy is whole.
        using StoreDirectoryLock held = StoreDirectoryLock.Acquire(source);
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
            // A link to a directory is not part of the store (RocksDB writes none), and following one could loop.
            if (new DirectoryInfo(directory).LinkTarget is null)
            {
                CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
            }
        }
    }
}
