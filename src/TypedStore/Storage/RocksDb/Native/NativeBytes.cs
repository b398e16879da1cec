using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

/// <summary>
/// The C API requires every pointer argument to be non-null, even for a zero-length key or value
/// (c.h: "All of the pointer arguments must be non-NULL"), but pinning an empty span yields null.
/// <see cref="NonNull"/> substitutes a pointer to one byte of read-only data embedded in the
/// assembly image, which never moves; it is only ever passed with a length of zero, so it is never read.
/// </summary>
internal static unsafe class NativeBytes
{
    private static ReadOnlySpan<byte> Placeholder => [0];

    /// <summary>Returns <paramref name="pointer"/>, or a stable non-null pointer when it is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* NonNull(byte* pointer)
        => pointer != null ? pointer : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(Placeholder));
}
