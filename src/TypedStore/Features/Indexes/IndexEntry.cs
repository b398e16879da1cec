using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TypedStore.Keys;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The layout of an index entry (docs/indexes.md): key = entry prefix (the user id on User tables, then the index
/// parts, each encoded like a key part) followed by the row's key; value = the row key's length (uint32 little-endian),
/// so a reader finds the row key without decoding the parts.
/// </summary>
[SkipLocalsInit]
internal static class IndexEntry
{
    /// <summary>Length of an entry's value.</summary>
    public const int ValueLength = 4;

    /// <summary>
    /// The entry of <paramref name="row"/> (stored under <paramref name="rowKey"/>) in <paramref name="index"/>, with
    /// the length of its prefix and whether a part is null.
    /// </summary>
    /// <exception cref="ArgumentException">A part cannot be encoded (an Unspecified DateTime, an over-long string): names the table and index.</exception>
    public static byte[] Create<TRow>(string table, TableIndex<TRow> index, TRow row, ReadOnlySpan<byte> rowKey, out int prefixLength, out bool hasNull)
    {
        KeyWriter writer = new(stackalloc byte[256]);
        try
        {
            try
            {
                hasNull = index.WriteEntryPrefix(ref writer, row);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Table '{table}', index '{index.Name}' cannot encode the row's indexed values: {ex.Message}", ex.ParamName, ex);
            }

            prefixLength = writer.Length;
            byte[] entry = new byte[prefixLength + rowKey.Length];
            writer.WrittenSpan.CopyTo(entry);
            rowKey.CopyTo(entry.AsSpan(prefixLength));
            return entry;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Writes the value of an entry whose row key is <paramref name="rowKeyLength"/> bytes long.</summary>
    public static void WriteValue(Span<byte> destination, int rowKeyLength) => BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)rowKeyLength);

    /// <summary>The row key inside a stored entry, or <see langword="false"/> when the entry is malformed.</summary>
    public static bool TryGetRowKey(ReadOnlySpan<byte> entryKey, ReadOnlySpan<byte> entryValue, out int rowKeyOffset)
    {
        rowKeyOffset = 0;
        if (entryValue.Length != ValueLength)
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(entryValue);
        if (length == 0 || length > (uint)entryKey.Length)
        {
            return false;
        }

        rowKeyOffset = entryKey.Length - (int)length;
        return true;
    }
}
