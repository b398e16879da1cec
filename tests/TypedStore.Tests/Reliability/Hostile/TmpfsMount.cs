using System.Diagnostics;

namespace TypedStore.Tests.Reliability.Hostile;

/// <summary>
/// A small tmpfs mounted for one test (a disk that fills up, or turns read-only, on demand), unmounted on dispose.
/// Mounting needs root (or CAP_SYS_ADMIN); <see cref="UnavailableReason"/> says why it cannot be done here.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMount);

    private TmpfsMount(string path) => Path = path;

    /// <summary>Why no tmpfs can be mounted here, or <see langword="null"/> when it can.</summary>
    public static string? UnavailableReason => Probe.Value;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "2m") on a fresh directory.</summary>
    public static TmpfsMount Create(string size)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "typedstore-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        string? error = Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", path);
        if (error is not null)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"Cannot mount a tmpfs on {path}: {error}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Changes the mount's options in place, keeping its files: "ro", "rw", "size=16m".</summary>
    public void Remount(string options)
    {
        string? error = Run("mount", "-o", "remount," + options, Path);
        if (error is not null)
        {
            throw new InvalidOperationException($"Cannot remount {Path} with {options}: {error}");
        }
    }

    public void Dispose()
    {
        Run("umount", Path);
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts are Linux-only";
        }

        try
        {
            using TmpfsMount probe = Create("64k");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "this test needs to mount a small tmpfs (root or CAP_SYS_ADMIN): " + ex.Message;
        }
    }

    /// <summary>Runs a command (bounded wait); returns its error output on failure, <see langword="null"/> on success.</summary>
    private static string? Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{command} could not be started.");
        string error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            return $"{command} did not finish within 30 s";
        }

        return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {error.Trim()}";
    }
}
