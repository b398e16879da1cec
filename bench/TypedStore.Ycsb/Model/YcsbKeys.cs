namespace TypedStore.Ycsb.Model;

/// <summary>
/// YCSB's key for a record number (<c>CoreWorkload.buildKeyName</c> with <c>insertorder=hashed</c>):
/// <c>"user" + fnvhash64(n)</c>, so keys are spread over the key space instead of arriving in key order.
/// </summary>
internal static class YcsbKeys
{
    private const ulong FnvOffsetBasis64 = 0xCBF29CE484222325UL;
    private const ulong FnvPrime64 = 1099511628211UL;

    /// <summary>YCSB's <c>Utils.fnvhash64</c>: FNV-1a over the eight little-endian bytes of the value, made non-negative.</summary>
    public static long FnvHash64(long value)
    {
        ulong hash = FnvOffsetBasis64;
        for (int i = 0; i < 8; i++)
        {
            ulong octet = (ulong)value & 0xFF;
            value >>= 8;
            hash ^= octet;
            hash *= FnvPrime64;
        }

        long signed = unchecked((long)hash);
        // Java's Math.abs(Long.MIN_VALUE) stays negative; YCSB lives with it, and so does this port (it never occurs for small n).
        return signed < 0 ? unchecked(-signed) : signed;
    }

    /// <summary>The key of record <paramref name="recordNumber"/>.</summary>
    public static string KeyOf(long recordNumber) => string.Concat("user", FnvHash64(recordNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every key for record numbers 0..count-1, built once before timing (the client's key strings are not what is measured).</summary>
    public static string[] Build(long count)
    {
        var keys = new string[count];
        for (long i = 0; i < count; i++)
        {
            keys[i] = KeyOf(i);
        }

        return keys;
    }
}
