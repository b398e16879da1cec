using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Recovery;

/// <summary>
/// Holds a store directory's <c>LOCK</c> file the way RocksDB does, so that a tool reading the directory (the repair's
/// copy) knows no one has the store open, and no one opens it meanwhile.
/// </summary>
/// <remarks>
/// RocksDB locks <c>LOCK</c> with a classic POSIX record lock (<c>fcntl(F_SETLK)</c>) and, inside its own process, a
/// table of paths it holds. A classic lock taken here would not see this process's own RocksDB lock, and closing it
/// would drop that lock (POSIX releases all of a process's record locks on any close of the file). An open file
/// description lock (<c>F_OFD_SETLK</c>, Linux 3.15+) conflicts with record locks of every process, this one
/// included, and releases only itself. Other systems: no check is made (documented on <see cref="StoreRepair"/>).
/// </remarks>
internal sealed partial class StoreDirectoryLock : IDisposable
{
    private const int OfdSetLock = 37; // F_OFD_SETLK
    private const short WriteLock = 1; // F_WRLCK
    private const short Unlock = 2; // F_UNLCK

    private readonly FileStream? _file;

    private StoreDirectoryLock(FileStream? file) => _file = file;

    /// <summary>
    /// Takes the lock of the store at <paramref name="fullPath"/>, or throws <see cref="StoreLockedException"/> when
    /// the store is open (in this process or another one). A directory without a <c>LOCK</c> file is not locked.
    /// </summary>
    public static StoreDirectoryLock Acquire(string fullPath)
    {
        if (RocksDbEngine.OpenForWriting.ContainsKey(Path.TrimEndingDirectorySeparator(fullPath)))
        {
            // Checked before any descriptor of LOCK is opened: closing one would drop this process's RocksDB lock.
            throw Locked(fullPath, "in this process");
        }

        string lockPath = Path.Combine(fullPath, "LOCK");
        if (!OperatingSystem.IsLinux() || !File.Exists(lockPath))
        {
            return new StoreDirectoryLock(null);
        }

        var file = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var request = new FileLockRequest { Type = WriteLock, Whence = 0, Start = 0, Length = 0, Pid = 0 };
            if (Fcntl(file.SafeFileHandle.DangerousGetHandle().ToInt32(), OfdSetLock, ref request) != 0)
            {
                throw Locked(fullPath, $"by another process; lock error {Marshal.GetLastPInvokeError()}");
            }

            return new StoreDirectoryLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static StoreLockedException Locked(string fullPath, string where)
        => new($"The store at '{fullPath}' is open ({where}); close it before repairing. Nothing was written.");

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_file is null)
        {
            return;
        }

        var request = new FileLockRequest { Type = Unlock, Whence = 0, Start = 0, Length = 0, Pid = 0 };
        _ = Fcntl(_file.SafeFileHandle.DangerousGetHandle().ToInt32(), OfdSetLock, ref request);
        _file.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int descriptor, int command, ref FileLockRequest request);

    // struct flock on 64-bit Linux: short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid (+ padding).
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLockRequest
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
        private readonly int _padding;
    }
}
