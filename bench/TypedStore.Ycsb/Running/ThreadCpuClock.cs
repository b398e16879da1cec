using System.Runtime.InteropServices;

namespace TypedStore.Ycsb.Running;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a machine shared with other work, wall-clock
/// ratios drift with whatever else runs; the CPU the benchmark thread itself spent per operation does not (it still
/// leaves out the store's background threads: flushes and compactions). Elsewhere it reports nothing.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockProcessCpuTimeId = 2;
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether the clock can be read on this platform.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>The calling thread's CPU time in seconds, or 0 where the clock is not supported.</summary>
    public static double Now() => Read(ClockThreadCpuTimeId);

    /// <summary>
    /// The CPU time of every thread of the process in seconds (<c>CLOCK_PROCESS_CPUTIME_ID</c>), or 0 where not supported:
    /// with one contender alone in the process, this includes the store's background flushes and compactions, which
    /// <see cref="Now"/> leaves out (and the runtime's own threads: GC, JIT tiering).
    /// </summary>
    public static double ProcessNow() => Read(ClockProcessCpuTimeId);

    private static double Read(int clockId)
    {
        if (!IsSupported || clock_gettime(clockId, out TimeSpec time) != 0)
        {
            return 0;
        }

        return time.Seconds + (time.Nanoseconds / 1e9);
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
