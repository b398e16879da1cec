using System.Globalization;

namespace TypedStore.Tests.Keys;

/// <summary>Hex strings like "80 00 00 01" for writing expected key bytes by hand.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex)
    {
        string[] pairs = hex.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        byte[] bytes = new byte[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            bytes[i] = byte.Parse(pairs[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }

    public static string Format(ReadOnlySpan<byte> bytes)
        => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
