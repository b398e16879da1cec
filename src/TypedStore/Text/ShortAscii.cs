using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TypedStore.Text;

/// <summary>
/// Narrows a string whose characters are all ASCII straight into bytes, the common case for ids and short
/// values. Key and value writers try it before a full UTF-8 encoder.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Text.Ascii.FromUtf16"/>: for the short strings rows are made of, its call and
/// set-up cost about as much as the narrowing itself, and a key writer would still need a second pass to find
/// U+0000. Here the range check covers both: one 128-bit compare per 8 characters, blocks that overlap at
/// the end instead of a scalar tail, and a scalar loop only below 8 characters.
/// </remarks>
internal static class ShortAscii
{
    /// <summary>
    /// Writes <paramref name="value"/> as one byte per character into <paramref name="destination"/> when every
    /// character is in [<paramref name="lowest"/>, U+007F]; otherwise returns <see langword="false"/>, having
    /// written an unspecified prefix.
    /// </summary>
    /// <param name="value">The string.</param>
    /// <param name="destination">At least <c>value.Length</c> bytes.</param>
    /// <param name="lowest">U+0000 to accept every ASCII character; U+0001 to refuse U+0000 as well.</param>
    public static bool TryNarrow(string value, Span<byte> destination, char lowest)
    {
        int length = value.Length;
        if (destination.Length < length)
        {
            return false;
        }

        ref ushort source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        ref byte target = ref MemoryMarshal.GetReference(destination);

        // c is accepted when (c - lowest), as an unsigned 16-bit number, is at most 0x7F - lowest: characters
        // below lowest wrap around to large numbers.
        ushort span = (ushort)(0x7F - lowest);
        if (Vector128.IsHardwareAccelerated && length >= 8)
        {
            Vector128<ushort> low = Vector128.Create((ushort)lowest);
            Vector128<ushort> limit = Vector128.Create(span);
            if (length < 16)
            {
                Vector128<ushort> first = Vector128.LoadUnsafe(ref source);
                Vector128<ushort> last = Vector128.LoadUnsafe(ref source, (nuint)(length - 8));
                if (Vector128.GreaterThanAny(first - low, limit) || Vector128.GreaterThanAny(last - low, limit))
                {
                    return false;
                }

                Vector128.Narrow(first, first).GetLower().StoreUnsafe(ref target);
                Vector128.Narrow(last, last).GetLower().StoreUnsafe(ref target, (nuint)(length - 8));
                return true;
            }

            int lastBlock = length - 16;
            for (int i = 0; ; i = Math.Min(i + 16, lastBlock))
            {
                Vector128<ushort> lower = Vector128.LoadUnsafe(ref source, (nuint)i);
                Vector128<ushort> upper = Vector128.LoadUnsafe(ref source, (nuint)(i + 8));
                if (Vector128.GreaterThanAny(lower - low, limit) || Vector128.GreaterThanAny(upper - low, limit))
                {
                    return false;
                }

                Vector128.Narrow(lower, upper).StoreUnsafe(ref target, (nuint)i);
                if (i == lastBlock)
                {
                    return true;
                }
            }
        }

        for (int i = 0; i < length; i++)
        {
            ushort c = Unsafe.Add(ref source, i);
            if ((ushort)(c - lowest) > span)
            {
                return false;
            }

            Unsafe.Add(ref target, i) = (byte)c;
        }

        return true;
    }
}
