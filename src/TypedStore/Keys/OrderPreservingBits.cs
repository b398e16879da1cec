using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TypedStore.Keys;

/// <summary>
/// The bit transforms that make fixed-width values compare correctly as unsigned big-endian bytes,
/// shared by <see cref="KeyWriter"/> and <see cref="KeyReader"/> so the two can never disagree.
/// </summary>
internal static class OrderPreservingBits
{
    /// <summary>Flipping the sign bit maps two's complement order onto unsigned order.</summary>
    public const uint Int32SignBit = 0x8000_0000u;

    /// <summary>Flipping the sign bit maps two's complement order onto unsigned order.</summary>
    public const ulong Int64SignBit = 0x8000_0000_0000_0000ul;

    /// <summary>
    /// The one encoding every float NaN gets: the positive quiet NaN (0x7FC00000) with its sign bit
    /// flipped. It is above +Infinity's encoding (0xFF800000), so NaN sorts after every number.
    /// </summary>
    public const uint CanonicalSingleNaN = 0xFFC0_0000u;

    /// <summary>The one encoding every double NaN gets (positive quiet NaN, sign flipped); sorts last.</summary>
    public const ulong CanonicalDoubleNaN = 0xFFF8_0000_0000_0000ul;

    /// <summary>
    /// IEEE 754 bits of a positive number already sort as unsigned integers, so setting the sign bit
    /// lifts them above all negatives; a negative number's magnitude grows as its bits grow, so
    /// flipping every bit reverses that and clears the sign bit. -0.0 is folded into +0.0 and every
    /// NaN into one value, so equal numbers get equal keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint EncodeSingle(float value)
    {
        if (float.IsNaN(value))
        {
            return CanonicalSingleNaN;
        }

        // -0.0 == 0.0 is true, so this turns -0.0 into +0.0 and leaves everything else alone.
        uint bits = value == 0f ? 0u : BitConverter.SingleToUInt32Bits(value);
        uint mask = (uint)((int)bits >> 31) | Int32SignBit;
        return bits ^ mask;
    }

    /// <summary>
    /// Inverts <see cref="EncodeSingle"/>. Returns <see langword="false"/> for the encodings the
    /// writer never produces (-0.0 and NaNs other than the canonical one), which would otherwise
    /// give one value two keys.
    /// </summary>
    public static bool TryDecodeSingle(uint encoded, out float value)
    {
        uint mask = (uint)((int)~encoded >> 31) | Int32SignBit;
        uint bits = encoded ^ mask;
        value = BitConverter.UInt32BitsToSingle(bits);
        bool isNonCanonicalNaN = float.IsNaN(value) && encoded != CanonicalSingleNaN;
        bool isNegativeZero = bits == Int32SignBit;
        return !isNonCanonicalNaN && !isNegativeZero;
    }

    /// <summary>The double form of <see cref="EncodeSingle"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EncodeDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return CanonicalDoubleNaN;
        }

        ulong bits = value == 0d ? 0ul : BitConverter.DoubleToUInt64Bits(value);
        ulong mask = (ulong)((long)bits >> 63) | Int64SignBit;
        return bits ^ mask;
    }

    /// <summary>The double form of <see cref="TryDecodeSingle"/>.</summary>
    public static bool TryDecodeDouble(ulong encoded, out double value)
    {
        ulong mask = (ulong)((long)~encoded >> 63) | Int64SignBit;
        ulong bits = encoded ^ mask;
        value = BitConverter.UInt64BitsToDouble(bits);
        bool isNonCanonicalNaN = double.IsNaN(value) && encoded != CanonicalDoubleNaN;
        bool isNegativeZero = bits == Int64SignBit;
        return !isNonCanonicalNaN && !isNegativeZero;
    }

    /// <summary>
    /// Inverts every byte in place: the descending form of a part. Vectorised because descending
    /// string and byte-array parts can be kilobytes long.
    /// </summary>
    public static void Invert(Span<byte> bytes)
    {
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        nuint length = (nuint)bytes.Length;
        nuint i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector128<byte>.Count <= length; i += (nuint)Vector128<byte>.Count)
            {
                Vector128.StoreUnsafe(~Vector128.LoadUnsafe(ref start, i), ref start, i);
            }
        }

        for (; i < length; i++)
        {
            ref byte b = ref Unsafe.Add(ref start, i);
            b = (byte)~b;
        }
    }
}
