using TypedStore.Cli.Reading;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Cli.Tool;

/// <summary>
/// Walks a table's column family in key order and yields its live rows: a soft-delete table's deletion marker (the
/// row key followed by <c>00</c>, a header-only value with the deleted flag; docs/value-format.md) hides the row before it
/// and is not itself a row.
/// </summary>
internal static class TableRows
{
    public static IEnumerable<ToolRow> Read(StoreSession session, RowDecoder decoder, byte[]? prefix, StorageSnapshot? snapshot = null)
    {
        StorageColumnFamily columnFamily = session.GetColumnFamily(decoder.Table.Name);
        byte[]? upper = UpperBound(prefix);
        using StorageIterator iterator = session.Engine.CreateIterator(columnFamily, prefix ?? default, upper ?? default, snapshot);
        iterator.SeekToFirst();
        ToolRow? pending = null;
        while (iterator.IsValid)
        {
            byte[] key = iterator.Key.ToArray();
            byte[] value = iterator.Value.ToArray();
            iterator.Next();
            if (ValueEnvelope.TryReadHeader(value, out ValueHeader header) && header.IsDeleted && value.Length == ValueEnvelope.HeaderLength)
            {
                // A marker: it deletes the row right before it (same key without the trailing 00), if that row is there.
                if (pending is not null && key.Length == pending.Key.Length + 1 && key.AsSpan().StartsWith(pending.Key))
                {
                    pending = null;
                }

                continue;
            }

            if (pending is not null)
            {
                yield return pending;
            }

            pending = Decode(decoder, key, value);
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    // Every key starting with the prefix sorts below its upper bound; none when the prefix is all FF (scan to the end).
    private static byte[]? UpperBound(byte[]? prefix)
    {
        if (prefix is not { Length: > 0 })
        {
            return null;
        }

        byte[] bound = new byte[prefix.Length];
        return Keys.KeyRange.TryGetPrefixUpperBound(prefix, bound, out int written) ? bound[..written] : null;
    }

    public static ToolRow Decode(RowDecoder decoder, byte[] key, byte[] value)
    {
        DecodedRecord parts;
        try
        {
            parts = decoder.DecodeKey(key);
        }
        catch (RowDecodeException ex)
        {
            throw new RowDecodeException($"table '{decoder.Table.Name}', key {Convert.ToHexString(key)}: {ex.Message}", ex);
        }

        try
        {
            (ValueHeader header, DecodedRecord members) = decoder.DecodeValue(value);
            return new ToolRow(key, parts, header, members, value.Length);
        }
        catch (RowDecodeException ex)
        {
            throw new RowDecodeException($"table '{decoder.Table.Name}', key {Render(parts)}: {ex.Message}", ex);
        }
    }

    public static string Render(DecodedRecord parts)
        => parts.Fields.Count == 1 ? Quote(parts.Fields[0].Value) : "(" + string.Join(", ", parts.Fields.Select(field => Quote(field.Value))) + ")";

    private static string Quote(object? value) => value is string text ? $"\"{text}\"" : ValueText.Format(value);
}
