using TypedStore.Values;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// The deletion marker of a <c>SoftDelete</c> table: a separate entry beside the row, so deleting is one write
/// that never reads or rewrites the row (docs/table-kinds.md, "Soft delete").
/// </summary>
/// <remarks>
/// <para>
/// Key: the row's key followed by one <see cref="KeySuffix"/> byte. Keys are self-delimiting (no full key is a
/// prefix of another), so <c>K || 0x00</c> is never a row key, and nothing sorts between <c>K</c> and
/// <c>K || 0x00</c>: the marker is the row's immediate successor. Scans therefore meet a row and its marker
/// together, and every prefix range holds both or neither.
/// </para>
/// <para>
/// Value: a value header (docs/value-format.md) with the deleted flag and the deletion time in place of
/// <c>_updated</c>, and no members. A row's value always has a member array after its header, so the length
/// alone tells a marker from a row.
/// </para>
/// </remarks>
internal static class DeletionMarker
{
    /// <summary>The byte appended to a row's key to form its marker's key.</summary>
    public const byte KeySuffix = 0x00;

    /// <summary>A marker's value is exactly a value header.</summary>
    public const int ValueLength = ValueEnvelope.HeaderLength;

    /// <summary>Whether a stored value is a marker (as opposed to a row).</summary>
    public static bool IsMarkerValue(ReadOnlySpan<byte> value) => value.Length == ValueLength;

    /// <summary>Writes a marker value recording a deletion at <paramref name="deletedUtcTicks"/>.</summary>
    public static void WriteValue(Span<byte> destination, long deletedUtcTicks)
        => ValueEnvelope.WriteHeader(destination, ValueFlags.Deleted, deletedUtcTicks);

    /// <summary>Reads a marker value's deletion time; <see langword="false"/> when the bytes are not a valid marker.</summary>
    public static bool TryReadDeletedTicks(ReadOnlySpan<byte> value, out long deletedUtcTicks)
    {
        if (IsMarkerValue(value) && ValueEnvelope.TryReadHeader(value, out ValueHeader header) && header.IsDeleted)
        {
            deletedUtcTicks = header.UpdatedUtcTicks;
            return true;
        }

        deletedUtcTicks = 0;
        return false;
    }

    /// <summary>Whether <paramref name="markerKey"/> is the marker key of <paramref name="rowKey"/>.</summary>
    public static bool IsMarkerOf(ReadOnlySpan<byte> markerKey, ReadOnlySpan<byte> rowKey)
        => markerKey.Length == rowKey.Length + 1 && markerKey[^1] == KeySuffix && markerKey.StartsWith(rowKey);
}
