using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace TypedStore.Queries;

/// <summary>
/// The opaque continuation of a page: the last key the page returned, bound to the table (and index) and the range that made it.
/// Base64url of: a format byte, a 64-bit FNV-1a hash of (table name, index name for an index query, range start, range end, direction, deleted rows
/// included, the key), then the key. The hash binds the token to its query and catches a damaged or cut token; it is
/// not a signature (a token is no secret: it only names a key of the range the caller can read anyway). A token is "after this key", so it survives reopening and concurrent writes; a token of
/// another table or range, or damaged bytes, is refused with <see cref="ArgumentException"/> naming the table.
/// </summary>
internal static class ContinuationToken
{
    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + sizeof(ulong);

    /// <summary>The token of a page whose last key is <paramref name="lastKey"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="range">The query's range.</param>
    /// <param name="lastKey">The last key the page returned.</param>
    /// <param name="index">The index the query reads (its entries are the keys), or <see langword="null"/> for the table's own keys.</param>
    public static string Create(string table, in QueryRange range, ReadOnlySpan<byte> lastKey, string? index = null)
    {
        byte[] bytes = new byte[HeaderLength + lastKey.Length];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), Mix(Bind(table, index, range), lastKey));
        lastKey.CopyTo(bytes.AsSpan(HeaderLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The last key of the page <paramref name="token"/> continues, checked against the table and range.</summary>
    /// <param name="table">The table.</param>
    /// <param name="range">The query's range.</param>
    /// <param name="token">The token.</param>
    /// <param name="index">The index the query reads, or <see langword="null"/> for the table's own keys.</param>
    public static byte[] Read(string table, in QueryRange range, string token, string? index = null)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException ex)
        {
            throw Refused(table, index, "it is not a continuation token", ex);
        }

        if (bytes.Length <= HeaderLength || bytes[0] != FormatVersion)
        {
            throw Refused(table, index, "it is not a continuation token", null);
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(1)) != Mix(Bind(table, index, range), bytes.AsSpan(HeaderLength)))
        {
            throw Refused(table, index, "it was made by a query of another table, another index or another range (bounds, direction and includeDeleted must be the same), or it is damaged", null);
        }

        byte[] key = bytes[HeaderLength..];
        if (!range.Contains(key))
        {
            throw Refused(table, index, "its key lies outside the query's range", null);
        }

        return key;
    }

    // FNV-1a over everything that defines the range; lengths first, so no two ranges hash the same bytes.
    // An index query also binds the index's name, behind a byte no table name holds (a table's own tokens hash as before).
    private static ulong Bind(string table, string? index, in QueryRange range)
    {
        ulong hash = 14695981039346656037UL;
        Span<byte> length = stackalloc byte[sizeof(int)];
        hash = Mix(hash, Encoding.UTF8.GetBytes(table));
        if (index is not null)
        {
            hash = Mix(hash, [0xFF]);
            hash = Mix(hash, Encoding.UTF8.GetBytes(index));
        }

        BinaryPrimitives.WriteInt32BigEndian(length, range.Lower.Length);
        hash = Mix(hash, length);
        hash = Mix(hash, range.Lower);
        BinaryPrimitives.WriteInt32BigEndian(length, range.Upper.Length);
        hash = Mix(hash, length);
        hash = Mix(hash, range.Upper);
        hash = Mix(hash, [(byte)((range.Reverse ? 1 : 0) | (range.IncludeDeleted ? 2 : 0))]);
        return hash;
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static ArgumentException Refused(string table, string? index, string reason, Exception? inner)
        => new(index is null
            ? $"Table '{table}' refuses the continuation token: {reason}."
            : $"Table '{table}', index '{index}' refuses the continuation token: {reason}.", "continuation", inner);
}
