using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// One reference on a <see cref="SafeHandle"/>, held for the duration of a native call and released by
/// <see cref="Dispose"/>. A ref struct, so taking a lease never allocates and it cannot escape the call.
/// </summary>
internal readonly ref struct HandleLease
{
    private readonly SafeHandle _handle;

    /// <summary>Wraps a reference already taken with <see cref="SafeHandle.DangerousAddRef"/>.</summary>
    internal HandleLease(SafeHandle handle) => _handle = handle;

    /// <summary>Releases the reference (if any); the native object is freed here if the handle was disposed meanwhile.</summary>
    /// <remarks>A <see langword="default"/> lease holds nothing, so optional leases need no branch at the release.</remarks>
    public void Dispose() => _handle?.DangerousRelease();
}
