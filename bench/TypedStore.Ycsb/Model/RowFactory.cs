using System.Globalization;

namespace TypedStore.Ycsb.Model;

/// <summary>
/// Builds the rows the workloads write and checks every row a contender reads back. A row is written in one of
/// <see cref="Versions"/> versions: field 0 is <c>key#vv#</c> followed by filler of that version (so it names its own
/// key), fields 1–9 are filler strings of that version (shared, built once). A read passes only if the row belongs to the
/// key asked for, every field has the length written, and all ten fields are of one and the same version (no torn,
/// stale-from-another-key or garbage row passes).
/// </summary>
internal static class RowFactory
{
    /// <summary>How many distinct versions of a row exist; writes pick one (the planner decides which).</summary>
    public const int Versions = 64;

    /// <summary>YCSB's <c>fieldlength</c>.</summary>
    public const int FieldLength = 100;

    /// <summary>YCSB's <c>fieldcount</c>.</summary>
    public const int FieldCount = 10;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Fields 1..9 of each version: [version][field - 1].
    private static readonly string[][] SharedFields = BuildSharedFields();

    /// <summary>The row of <paramref name="key"/> in <paramref name="version"/>.</summary>
    public static Usertable Build(string key, int version)
    {
        string[] shared = SharedFields[version];
        return new Usertable(key, BuildField0(key, version), shared[0], shared[1], shared[2], shared[3], shared[4], shared[5], shared[6], shared[7], shared[8]);
    }

    /// <summary>Throws <see cref="YcsbCheckException"/> unless the fields are a whole row of <paramref name="key"/>.</summary>
    public static void Verify(
        string contender, string key, string? f0, string? f1, string? f2, string? f3, string? f4, string? f5, string? f6, string? f7, string? f8, string? f9)
    {
        int version = VersionOf(contender, key, f0);
        string[] shared = SharedFields[version];
        Span<char> expected = stackalloc char[FieldLength];
        WriteField0(expected, key, version);
        if (!expected.SequenceEqual(f0))
        {
            throw new YcsbCheckException(contender, key, "field0 is not the field written for this key and version");
        }

        if (!string.Equals(f1, shared[0], StringComparison.Ordinal)
            || !string.Equals(f2, shared[1], StringComparison.Ordinal)
            || !string.Equals(f3, shared[2], StringComparison.Ordinal)
            || !string.Equals(f4, shared[3], StringComparison.Ordinal)
            || !string.Equals(f5, shared[4], StringComparison.Ordinal)
            || !string.Equals(f6, shared[5], StringComparison.Ordinal)
            || !string.Equals(f7, shared[6], StringComparison.Ordinal)
            || !string.Equals(f8, shared[7], StringComparison.Ordinal)
            || !string.Equals(f9, shared[8], StringComparison.Ordinal))
        {
            throw new YcsbCheckException(contender, key, $"fields 1-9 are not all of version {version} (a torn or foreign row)");
        }
    }

    /// <summary>Checks a row read as the record type (TypedStore, ZoneTree, the byte codecs).</summary>
    public static void Verify(string contender, string key, Usertable? row)
    {
        if (row is null)
        {
            throw new YcsbCheckException(contender, key, "the row is missing");
        }

        if (!string.Equals(row.Key, key, StringComparison.Ordinal))
        {
            throw new YcsbCheckException(contender, key, $"the row read is the row of '{row.Key}'");
        }

        Verify(contender, key, row.Field0, row.Field1, row.Field2, row.Field3, row.Field4, row.Field5, row.Field6, row.Field7, row.Field8, row.Field9);
    }

    private static int VersionOf(string contender, string key, string? field0)
    {
        // field0 = key '#' vv '#' filler
        if (field0 is null || field0.Length != FieldLength || field0.Length < key.Length + 4
            || !field0.AsSpan().StartsWith(key, StringComparison.Ordinal) || field0[key.Length] != '#' || field0[key.Length + 3] != '#'
            || !int.TryParse(field0.AsSpan(key.Length + 1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version >= Versions)
        {
            throw new YcsbCheckException(contender, key, "field0 does not name this key and a version");
        }

        return version;
    }

    private static string BuildField0(string key, int version)
        => string.Create(FieldLength, (key, version), static (span, state) => WriteField0(span, state.key, state.version));

    private static void WriteField0(Span<char> span, string key, int version)
    {
        key.AsSpan().CopyTo(span);
        int at = key.Length;
        span[at] = '#';
        span[at + 1] = (char)('0' + (version / 10));
        span[at + 2] = (char)('0' + (version % 10));
        span[at + 3] = '#';
        Fill(span[(at + 4)..], version, 0);
    }

    private static void Fill(Span<char> span, int version, int field)
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[((version * 31) + (field * 7) + (i * 13)) % Alphabet.Length];
        }
    }

    private static string[][] BuildSharedFields()
    {
        var all = new string[Versions][];
        for (int version = 0; version < Versions; version++)
        {
            all[version] = new string[FieldCount - 1];
            for (int field = 1; field < FieldCount; field++)
            {
                all[version][field - 1] = string.Create(FieldLength, (version, field), static (span, state) => Fill(span, state.version, state.field));
            }
        }

        return all;
    }
}
