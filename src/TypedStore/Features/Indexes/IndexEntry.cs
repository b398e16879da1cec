using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TypedStore.Keys;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The layout of an index entry (docs/indexes.md, "Entries"). The entry prefix is the user id on User tables, then the
/// index parts, each encoded like a key part (order-preserving, prefix-free). Then:
/// <list type="bullet">
/// <item>an entry of a plain index, or of a unique index with a null part: key = prefix + the row's key; value = the row
/// key's length (uint32 little-endian), so a reader finds the row key without decoding the parts;</item>
/// <item>an entry of a unique index without a null part: key = the prefix alone (the value has one row at most); value =
/// the row key's length, then the row key. The uniqueness check and <c>Get</c> are then one point lookup.</item>
/// </list>
/// Both kinds sort under the same prefix, so a scan reads them alike.
/// </summary>
[SkipLocalsInit]
internal static class IndexEntry
{
    /// <summary>Length of the row-key length that starts every entry's value.</summary>
    public const int LengthBytes = 4;

    /// <summary>
    /// The entry key of <paramref name="row"/> (stored under <paramref name="rowKey"/>) in <paramref name="index"/>, with
    /// the length of its prefix, whether a part is null, and whether it is keyed by its value alone (unique, no null).
    /// </summary>
    /// <exception cref="ArgumentException">A part cannot be encoded (an Unspecified DateTime, an over-long string): names the table and index.</exception>
    public static byte[] Create<TRow>(string table, TableIndex<TRow> index, bool unique, TRow row, ReadOnlySpan<byte> rowKey, out int prefixLength, out bool keyedByValue)
    {
        KeyWriter writer = new(stackalloc byte[256]);
        try
        {
            bool hasNull = WritePrefix(table, index, ref writer, row);
            prefixLength = writer.Length;
            keyedByValue = unique && !hasNull;
            return Create(writer.WrittenSpan, keyedByValue, rowKey);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The entry key with <paramref name="prefix"/> (user id and index parts) for the row key <paramref name="rowKey"/>.</summary>
    public static byte[] Create(ReadOnlySpan<byte> prefix, bool keyedByValue, ReadOnlySpan<byte> rowKey)
    {
        byte[] entry = new byte[prefix.Length + (keyedByValue ? 0 : rowKey.Length)];
        prefix.CopyTo(entry);
        if (!keyedByValue)
        {
            rowKey.CopyTo(entry.AsSpan(prefix.Length));
        }

        return entry;
    }

    /// <summary>
    /// Writes the entry prefix of <paramref name="row"/> in <paramref name="index"/> (user id, index parts); returns
    /// whether a part is null.
    /// </summary>
    /// <exception cref="ArgumentException">A part cannot be encoded (an Unspecified DateTime, an over-long string): names the table and index.</exception>
    public static bool WritePrefix<TRow>(string table, TableIndex<TRow> index, ref KeyWriter writer, TRow row)
    {
        try
        {
            return index.WriteEntryPrefix(ref writer, row);
        }
        catch (ArgumentException ex)
        {
            // The inner message already names its parameter; the wrapper names table and index instead of repeating it.
            throw new ArgumentException($"Table '{table}', index '{index.Name}' cannot encode the row's indexed values: {ex.Message}", ex);
        }
    }

    /// <summary>The value of an entry for the row key <paramref name="rowKey"/>.</summary>
    public static byte[] Value(bool keyedByValue, ReadOnlySpan<byte> rowKey)
    {
        byte[] value = new byte[LengthBytes + (keyedByValue ? rowKey.Length : 0)];
        BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)rowKey.Length);
        if (keyedByValue)
        {
            rowKey.CopyTo(value.AsSpan(LengthBytes));
        }

        return value;
    }

    /// <summary>The row key a stored entry points at, or <see langword="false"/> when the entry is malformed.</summary>
    public static bool TryGetRowKey(ReadOnlySpan<byte> entryKey, ReadOnlySpan<byte> entryValue, out ReadOnlySpan<byte> rowKey)
    {
        rowKey = default;
        if (entryValue.Length < LengthBytes)
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(entryValue);
        if (length == 0)
        {
            return false;
        }

        if (entryValue.Length == LengthBytes)
        {
            if (length > (uint)entryKey.Length)
            {
                return false;
            }

            rowKey = entryKey[^(int)length..];
            return true;
        }

        if ((uint)(entryValue.Length - LengthBytes) != length)
        {
            return false;
        }

        rowKey = entryValue[LengthBytes..];
        return true;
    }
}
