using System.Diagnostics;

namespace TypedStore.Storage.Memory;

/// <summary>
/// Operations on persistent (copy-on-write) AVL trees of <see cref="AvlNode"/>, ordered by
/// unsigned byte comparison (memcmp order, shorter first on a common prefix) — the order of
/// RocksDB's default bytewise comparator. Every operation returns a new root and leaves the
/// input tree untouched; when nothing changes, the same root is returned so callers can skip
/// publishing a new version.
/// </summary>
/// <remarks>
/// Range deletion is join-based (split at both ends, join the outer parts), so it costs
/// O(log n) whatever the number of keys removed, like a range tombstone.
/// </remarks>
internal static class AvlTree
{
    /// <summary>Unsigned lexicographic comparison: 0x80 sorts after 0x7F, a prefix sorts first.</summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    /// <summary>The node holding <paramref name="key"/>, or <see langword="null"/>.</summary>
    public static AvlNode? Find(AvlNode? root, ReadOnlySpan<byte> key)
    {
        var node = root;
        while (node is not null)
        {
            var order = Compare(key, node.Key);
            if (order == 0)
            {
                return node;
            }

            node = order < 0 ? node.Left : node.Right;
        }

        return null;
    }

    /// <summary>The node with the smallest key ≥ <paramref name="key"/>, or <see langword="null"/>.</summary>
    public static AvlNode? LowerBound(AvlNode? root, ReadOnlySpan<byte> key)
    {
        AvlNode? candidate = null;
        var node = root;
        while (node is not null)
        {
            if (Compare(node.Key, key) >= 0)
            {
                candidate = node;
                node = node.Left;
            }
            else
            {
                node = node.Right;
            }
        }

        return candidate;
    }

    /// <summary>Inserts or replaces <paramref name="key"/>. The arrays become the tree's: the caller must not change them.</summary>
    public static AvlNode SetItem(AvlNode? node, byte[] key, byte[] value)
    {
        if (node is null)
        {
            return new AvlNode(key, value, null, null);
        }

        var order = Compare(key, node.Key);
        if (order < 0)
        {
            return Balance(SetItem(node.Left, key, value), node.Key, node.Value, node.Right);
        }

        if (order > 0)
        {
            return Balance(node.Left, node.Key, node.Value, SetItem(node.Right, key, value));
        }

        return new AvlNode(node.Key, value, node.Left, node.Right);
    }

    /// <summary>Removes <paramref name="key"/>; returns <paramref name="node"/> itself when the key is absent.</summary>
    public static AvlNode? Remove(AvlNode? node, ReadOnlySpan<byte> key)
    {
        if (node is null)
        {
            return null;
        }

        var order = Compare(key, node.Key);
        if (order < 0)
        {
            var left = Remove(node.Left, key);
            return ReferenceEquals(left, node.Left) ? node : Balance(left, node.Key, node.Value, node.Right);
        }

        if (order > 0)
        {
            var right = Remove(node.Right, key);
            return ReferenceEquals(right, node.Right) ? node : Balance(node.Left, node.Key, node.Value, right);
        }

        return Concat(node.Left, node.Right);
    }

    /// <summary>
    /// Removes every key in [<paramref name="startKey"/>, <paramref name="endKey"/>); returns
    /// <paramref name="root"/> itself when no key is in that range (including an empty range).
    /// </summary>
    public static AvlNode? RemoveRange(AvlNode? root, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
    {
        var first = LowerBound(root, startKey);
        if (first is null || Compare(first.Key, endKey) >= 0)
        {
            return root;
        }

        Split(root, startKey, out var below, out var fromStart);
        Split(fromStart, endKey, out _, out var fromEnd);
        return Concat(below, fromEnd);
    }

    /// <summary>Splits a tree into the keys &lt; <paramref name="key"/> and the keys ≥ <paramref name="key"/>.</summary>
    public static void Split(AvlNode? node, ReadOnlySpan<byte> key, out AvlNode? less, out AvlNode? greaterOrEqual)
    {
        if (node is null)
        {
            less = null;
            greaterOrEqual = null;
            return;
        }

        var order = Compare(key, node.Key);
        if (order == 0)
        {
            less = node.Left;
            greaterOrEqual = Join(null, node.Key, node.Value, node.Right);
        }
        else if (order < 0)
        {
            Split(node.Left, key, out less, out var middle);
            greaterOrEqual = Join(middle, node.Key, node.Value, node.Right);
        }
        else
        {
            Split(node.Right, key, out var middle, out greaterOrEqual);
            less = Join(node.Left, node.Key, node.Value, middle);
        }
    }

    /// <summary>
    /// Joins two trees of any heights with one entry between them: every key of <paramref name="left"/>
    /// is smaller than <paramref name="key"/>, every key of <paramref name="right"/> greater.
    /// </summary>
    public static AvlNode Join(AvlNode? left, byte[] key, byte[] value, AvlNode? right)
    {
        // Descend the taller tree's inner spine until the heights are within one, hang the
        // entry there, and rebalance on the way back up (each step is off by at most two).
        var leftHeight = AvlNode.HeightOf(left);
        var rightHeight = AvlNode.HeightOf(right);
        if (leftHeight > rightHeight + 1)
        {
            return Balance(left!.Left, left.Key, left.Value, Join(left.Right, key, value, right));
        }

        if (rightHeight > leftHeight + 1)
        {
            return Balance(Join(left, key, value, right!.Left), right.Key, right.Value, right.Right);
        }

        return new AvlNode(key, value, left, right);
    }

    /// <summary>Joins two trees of any heights where every key of <paramref name="left"/> is smaller than every key of <paramref name="right"/>.</summary>
    public static AvlNode? Concat(AvlNode? left, AvlNode? right)
    {
        if (left is null)
        {
            return right;
        }

        if (right is null)
        {
            return left;
        }

        var rest = RemoveMinimum(right, out var minimum);
        return Join(left, minimum.Key, minimum.Value, rest);
    }

    private static AvlNode? RemoveMinimum(AvlNode node, out AvlNode minimum)
    {
        if (node.Left is null)
        {
            minimum = node;
            return node.Right;
        }

        return Balance(RemoveMinimum(node.Left, out minimum), node.Key, node.Value, node.Right);
    }

    /// <summary>Builds a node from two valid AVL subtrees whose heights differ by at most two, rotating if needed.</summary>
    private static AvlNode Balance(AvlNode? left, byte[] key, byte[] value, AvlNode? right)
    {
        var leftHeight = AvlNode.HeightOf(left);
        var rightHeight = AvlNode.HeightOf(right);
        Debug.Assert(Math.Abs(leftHeight - rightHeight) <= 2, "Balance is only defined for a height difference of at most two.");

        if (leftHeight > rightHeight + 1)
        {
            if (AvlNode.HeightOf(left!.Left) >= AvlNode.HeightOf(left.Right))
            {
                return new AvlNode(left.Key, left.Value, left.Left, new AvlNode(key, value, left.Right, right));
            }

            var pivot = left.Right!;
            return new AvlNode(
                pivot.Key,
                pivot.Value,
                new AvlNode(left.Key, left.Value, left.Left, pivot.Left),
                new AvlNode(key, value, pivot.Right, right));
        }

        if (rightHeight > leftHeight + 1)
        {
            if (AvlNode.HeightOf(right!.Right) >= AvlNode.HeightOf(right.Left))
            {
                return new AvlNode(right.Key, right.Value, new AvlNode(key, value, left, right.Left), right.Right);
            }

            var pivot = right.Left!;
            return new AvlNode(
                pivot.Key,
                pivot.Value,
                new AvlNode(key, value, left, pivot.Left),
                new AvlNode(right.Key, right.Value, pivot.Right, right.Right));
        }

        return new AvlNode(key, value, left, right);
    }
}
