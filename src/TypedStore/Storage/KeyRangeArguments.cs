using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Keys;

namespace TypedStore.Storage;

/// <summary>
/// Argument rules every engine applies to key ranges, written once so the engines cannot disagree:
/// a range whose start sorts after its end is refused before anything is written (an equal start and
/// end is an empty range). RocksDB in particular must never see a reversed delete range: it reports it
/// only after the WAL write and then refuses every later write until the store is reopened.
/// </summary>
internal static class KeyRangeArguments
{
    /// <summary>Throws when [<paramref name="startKey"/>, <paramref name="endKey"/>) is reversed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfReversed(string columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
    {
        if (startKey.SequenceCompareTo(endKey) > 0)
        {
            ThrowReversedRange(columnFamily, startKey, endKey);
        }
    }

    /// <summary>Throws when both iterator bounds are given and the lower one sorts after the upper one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfBoundsReversed(string columnFamily, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound)
    {
        if (!lowerBound.IsEmpty && !upperBound.IsEmpty && lowerBound.SequenceCompareTo(upperBound) > 0)
        {
            ThrowReversedBounds(columnFamily, lowerBound, upperBound);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReversedRange(string columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
        => throw new ArgumentException(
            $"Cannot delete the range [{KeyDisplay.Render(startKey)}, {KeyDisplay.Render(endKey)}) in column family '{columnFamily}': "
            + "the start key sorts after the end key. Nothing was written.",
            nameof(startKey));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReversedBounds(string columnFamily, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound)
        => throw new ArgumentException(
            $"Cannot iterate column family '{columnFamily}' from {KeyDisplay.Render(lowerBound)} up to {KeyDisplay.Render(upperBound)}: "
            + "the lower bound sorts after the upper bound.",
            nameof(lowerBound));
}
