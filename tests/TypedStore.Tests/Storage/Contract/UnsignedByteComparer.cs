namespace TypedStore.Tests.Storage.Contract;

/// <summary>
/// The reference key order for model tests: bytes compared one by one as unsigned numbers, and
/// on a common prefix the shorter key first. Written as a plain loop on purpose, independent of
/// the span comparison the engines use, so a model test cannot inherit an engine's mistake.
/// </summary>
public sealed class UnsignedByteComparer : IComparer<byte[]>
{
    /// <summary>The shared instance.</summary>
    public static UnsignedByteComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(byte[]? x, byte[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var common = Math.Min(x.Length, y.Length);
        for (var i = 0; i < common; i++)
        {
            int left = x[i];
            int right = y[i];
            if (left != right)
            {
                return left - right;
            }
        }

        return x.Length - y.Length;
    }
}
