using TypedStore.Keys;

namespace TypedStore.Benchmarks.Data;

/// <summary>
/// The benchmark tables' keys encoded with TypedStore's own <see cref="KeyWriter"/>, once, before any timing:
/// the raw baseline writes exactly the bytes the typed layer writes, without paying for the encoding.
/// </summary>
internal static class EncodedKeys
{
    /// <summary>The key of an <c>events</c> row.</summary>
    public static byte[] Event(string id)
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        try
        {
            writer.WriteString(id);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The key of a <c>user_events</c> row.</summary>
    public static byte[] UserEvent(string userId, long sequence)
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        try
        {
            writer.WriteString(userId);
            writer.WriteInt64(sequence);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The prefix every <c>user_events</c> key of <paramref name="userId"/> starts with.</summary>
    public static byte[] UserPrefix(string userId)
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        try
        {
            writer.WriteString(userId);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/> (an exclusive upper bound).</summary>
    public static byte[] PrefixUpperBound(byte[] prefix)
    {
        var bound = new byte[prefix.Length];
        if (!KeyRange.TryGetPrefixUpperBound(prefix, bound, out int written))
        {
            throw new InvalidOperationException("A user prefix ends with a terminator, so it always has an upper bound.");
        }

        return bound.AsSpan(0, written).ToArray();
    }
}
