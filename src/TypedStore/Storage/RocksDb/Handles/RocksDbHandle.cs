using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Base of every handle owning a native RocksDB object. <see cref="SafeHandle"/> gives three things the
/// engine relies on: the object is released exactly once (by <see cref="SafeHandle.Dispose()"/> or, if that
/// was missed, by the critical finalizer); a call in flight holds a reference (<see cref="Lease"/>), so a
/// concurrent Dispose only marks the handle disposed and the native release waits for the call to finish;
/// and once disposed, a new lease throws <see cref="ObjectDisposedException"/> instead of touching freed memory.
/// </summary>
internal abstract class RocksDbHandle : SafeHandle
{
    private volatile bool _disposeRequested;

    /// <summary>Creates an owning handle that holds no native object yet.</summary>
    protected RocksDbHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native pointer. Only use it while holding a <see cref="Lease"/> (or one on a handle that keeps this one alive).</summary>
    public nint Pointer => handle;

    /// <summary>The name reported by <see cref="ObjectDisposedException"/>: the engine object the caller used.</summary>
    protected abstract string OwnerName { get; }

    /// <summary>
    /// Takes a reference for the duration of one call (<c>using (handle.Lease()) { ... }</c>).
    /// Throws <see cref="ObjectDisposedException"/> once Dispose was requested.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HandleLease Lease()
    {
        AddReference();
        return new HandleLease(this);
    }

    /// <summary>
    /// Takes a reference that the caller gives back with <see cref="SafeHandle.DangerousRelease"/>; used by
    /// handles that keep this one alive for their whole life. Throws <see cref="ObjectDisposedException"/>
    /// once Dispose was requested.
    /// </summary>
    public void AddReference()
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            ThrowDisposed();
        }

        // SafeHandle only refuses new references once the native object is actually released, which waits
        // for the references still held (by a call in flight, or an iterator holding its snapshot). Dispose
        // must end the handle's usable life at once, so the request is checked here as well.
        if (_disposeRequested)
        {
            DangerousRelease();
            ThrowDisposed();
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once Dispose was requested (no reference taken).</summary>
    public void ThrowIfClosed()
    {
        if (_disposeRequested || IsClosed)
        {
            ThrowDisposed();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _disposeRequested = true;
        base.Dispose(disposing);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() => throw new ObjectDisposedException(OwnerName);
}
