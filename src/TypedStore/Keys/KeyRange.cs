namespace TypedStore.Keys;

/// <summary>Byte-range helpers for scans over encoded keys.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class KeyRange
{
    /// <summary>
    /// Computes the smallest byte string greater than every key that starts with
    /// <paramref name="prefix"/>: the prefix with its trailing 0xFF bytes dropped and its last
    /// remaining byte incremented. Use it as the exclusive upper bound of a prefix scan.
    /// </summary>
    /// <param name="prefix">The encoded prefix (for example the first parts of a composite key).</param>
    /// <param name="destination">Receives the bound; at most <c>prefix.Length</c> bytes are needed. May be the prefix's own memory.</param>
    /// <param name="written">The bound's length, or 0 when there is none.</param>
    /// <returns>
    /// <see langword="true"/> with the bound in <paramref name="destination"/>; <see langword="false"/>
    /// when no bound exists (the prefix is empty or all 0xFF), meaning the scan is unbounded above.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the bound.</exception>
    public static bool TryGetPrefixUpperBound(ReadOnlySpan<byte> prefix, Span<byte> destination, out int written)
    {
        int last = prefix.LastIndexOfAnyExcept((byte)0xFF);
        if (last < 0)
        {
            written = 0;
            return false;
        }

        // A destination too small is a programming error, not "unbounded": returning false for it
        // would silently turn a prefix scan into a scan of everything after the prefix.
        int length = last + 1;
        if (destination.Length < length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes but the upper bound needs {length}.",
                nameof(destination));
        }

        byte incremented = (byte)(prefix[last] + 1);
        prefix[..last].CopyTo(destination);
        destination[last] = incremented;
        written = length;
        return true;
    }
}
