namespace TypedStore.Storage.Memory;

/// <summary>
/// One immutable node of a persistent AVL tree keyed by bytes. Nodes are never changed after
/// construction, so any root is a complete, frozen version of a column family: snapshots and
/// iterators simply keep a root. Writes copy only the path they touch (O(log n) new nodes).
/// </summary>
internal sealed class AvlNode
{
    public AvlNode(byte[] key, byte[] value, AvlNode? left, AvlNode? right)
    {
        Key = key;
        Value = value;
        Left = left;
        Right = right;
        Height = Math.Max(HeightOf(left), HeightOf(right)) + 1;
        Count = CountOf(left) + CountOf(right) + 1;
    }

    /// <summary>The key; owned by the tree (a private copy of the caller's bytes), never mutated.</summary>
    public byte[] Key { get; }

    /// <summary>The value; owned by the tree, never mutated.</summary>
    public byte[] Value { get; }

    /// <summary>The subtree of smaller keys.</summary>
    public AvlNode? Left { get; }

    /// <summary>The subtree of greater keys.</summary>
    public AvlNode? Right { get; }

    /// <summary>Levels in this subtree (a leaf is 1); drives the AVL balance.</summary>
    public int Height { get; }

    /// <summary>Entries in this subtree, so a column family's key count is exact and O(1).</summary>
    public int Count { get; }

    public static int HeightOf(AvlNode? node) => node?.Height ?? 0;

    public static int CountOf(AvlNode? node) => node?.Count ?? 0;
}
