using System.Text;

namespace TypedStore.Tests.Reliability.Isolation;

/// <summary>
/// Families of user ids built to collide in a naive encoding: an id and its extensions (a suffix, a NUL, a 0x01,
/// a ':' separator, U+FFFF, an emoji), its proper prefixes, the empty id, very long ids, non-ASCII ids; and Guid
/// (binary) ids that are all zero, all 0xFF, or one byte apart at either end.
/// </summary>
internal static class UserIdFamilies
{
    private static readonly string[] Bases = ["", "u", "u1", "a\u00e9", "\u65e5\u672c", "\U0001F600", "\0", "\uFFFF", "x:y", "\u0001", "A", "a"];

    private static readonly string[] Suffixes = ["0", "1", "\0", "\0x", "\u0001", ":x", "\uFFFF", "\U0001F600", "\u00e9", " ", "\u007F"];

    public static string[] Strings(Random random)
    {
        string root = random.Next(4) switch
        {
            0 => RandomString(random, random.Next(1, 12)),
            1 => new string((char)('a' + random.Next(26)), random.Next(200, 3_000)), // longer than any stack buffer
            _ => Bases[random.Next(Bases.Length)],
        };

        var family = new List<string> { root, "" };
        foreach (string suffix in Suffixes)
        {
            family.Add(root + suffix);
            family.Add(root + suffix + suffix);
        }

        if (root.Length > 0)
        {
            family.Add(root[..^1]);
            if (char.IsLowSurrogate(root[^1]) && root.Length > 1)
            {
                family[^1] = root[..^2]; // never split a surrogate pair
            }
        }

        family.Add(root + root);
        return family.Distinct(StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(random.Next(3, 9)).ToArray();
    }

    public static Guid[] Guids(Random random)
    {
        byte[] root = new byte[16];
        for (int i = 0; i < root.Length; i++)
        {
            root[i] = random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => (byte)random.Next(256) };
        }

        var family = new List<Guid> { Guid.Empty, Guid.AllBitsSet, new(root, bigEndian: true) };
        foreach (int position in new[] { 0, 15, random.Next(16) })
        {
            foreach (byte value in new byte[] { 0x00, 0xFF, (byte)(root[position] + 1), (byte)(root[position] - 1) })
            {
                byte[] variant = [.. root];
                variant[position] = value;
                family.Add(new Guid(variant, bigEndian: true));
            }
        }

        return family.Distinct().OrderBy(_ => random.Next()).Take(random.Next(3, 7)).ToArray();
    }

    private static string RandomString(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            int kind = random.Next(5);
            text.Append(kind switch
            {
                0 => "\0",
                1 => ((char)random.Next(0x20, 0x7F)).ToString(),
                2 => ((char)random.Next(0xA0, 0xD7FF)).ToString(),
                3 => char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)),
                _ => "\uFFFF",
            });
        }

        return text.ToString();
    }
}
