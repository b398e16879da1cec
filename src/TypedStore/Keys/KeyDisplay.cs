namespace TypedStore.Keys;

/// <summary>Renders encoded keys for error messages and tools.</summary>
public static class KeyDisplay
{
    /// <summary>The longest rendering <see cref="Render"/> returns, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Renders key bytes as text: printable ASCII as itself, a backslash as <c>\\</c>, every other
    /// byte as <c>\xNN</c> (so 75 31 00 01 renders as <c>u1\x00\x01</c>). Encoded keys carry no
    /// types, so this is the most faithful rendering possible without the table's schema.
    /// Renderings longer than <see cref="MaxLength"/> characters are cut at a whole byte and end
    /// with <c>... (N bytes)</c>.
    /// </summary>
    /// <param name="key">The encoded key.</param>
    /// <returns>The rendering; empty for an empty key.</returns>
    public static string Render(ReadOnlySpan<byte> key)
    {
        Span<char> text = stackalloc char[MaxLength];
        int length = 0;
        int rendered = 0;
        while (rendered < key.Length)
        {
            int width = WidthOf(key[rendered]);
            if (length + width > MaxLength)
            {
                break;
            }

            length += Append(key[rendered], text[length..]);
            rendered++;
        }

        if (rendered == key.Length)
        {
            return new string(text[..length]);
        }

        // Cut back at a whole byte until the suffix fits too.
        string suffix = $"... ({key.Length} bytes)";
        while (length + suffix.Length > MaxLength)
        {
            rendered--;
            length -= WidthOf(key[rendered]);
        }

        return string.Concat(text[..length], suffix);
    }

    private static bool IsPrintable(byte value) => value is >= 0x20 and <= 0x7E and not (byte)'\\';

    private static int WidthOf(byte value) => IsPrintable(value) ? 1 : value == (byte)'\\' ? 2 : 4;

    private static int Append(byte value, Span<char> destination)
    {
        if (IsPrintable(value))
        {
            destination[0] = (char)value;
            return 1;
        }

        destination[0] = '\\';
        if (value == (byte)'\\')
        {
            destination[1] = '\\';
            return 2;
        }

        const string HexDigits = "0123456789ABCDEF";
        destination[1] = 'x';
        destination[2] = HexDigits[value >> 4];
        destination[3] = HexDigits[value & 0xF];
        return 4;
    }
}
