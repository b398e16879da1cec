using System.Runtime.CompilerServices;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// Holds the finalizer thread inside a finalizer of ours until disposed. Objects that become unreachable meanwhile
/// are collected by <see cref="GC.Collect()"/> (so short weak references to them are cleared) but cannot be finalized:
/// the "collected, finalizer pending" state, made certain instead of hoped for.
/// </summary>
internal sealed class FinalizerThreadBlocker : IDisposable
{
    private static readonly TimeSpan EnterBound = TimeSpan.FromSeconds(60);

    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    private FinalizerThreadBlocker()
    {
    }

    /// <summary>Returns once the finalizer thread is parked in our finalizer.</summary>
    public static FinalizerThreadBlocker Block()
    {
        var blocker = new FinalizerThreadBlocker();
        blocker.DropGate();
        GC.Collect();
        if (!blocker._entered.Wait(EnterBound))
        {
            blocker.Dispose();
            throw new InvalidOperationException("The finalizer thread did not run the gate's finalizer (bounded wait; the test cannot set up its state).");
        }

        return blocker;
    }

    /// <summary>Lets the finalizer thread go on.</summary>
    public void Dispose() => _release.Set();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DropGate() => _ = new Gate(_entered, _release);

    private sealed class Gate(ManualResetEventSlim entered, ManualResetEventSlim release)
    {
        ~Gate()
        {
            entered.Set();
            release.Wait();
        }
    }
}
