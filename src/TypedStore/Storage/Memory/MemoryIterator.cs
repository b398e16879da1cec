namespace TypedStore.Storage.Memory;

/// <summary>
/// An iterator of a <see cref="MemoryEngine"/> over one frozen tree version, limited to
/// [lower, upper). It keeps the path from the root to the current node, so Next and Previous
/// are amortized O(1) and a Seek is O(log n).
/// </summary>
/// <remarks>
/// Bounds follow RocksDB's iterate bounds: a Seek below the lower bound starts at the lower
/// bound, a SeekForPrev at or past the upper bound starts below the upper bound, and moving
/// out of the range makes the iterator invalid.
/// </remarks>
internal sealed class MemoryIterator : StorageIterator
{
    private readonly MemoryEngine engine;
    private readonly byte[]? lowerBound;
    private readonly byte[]? upperBound;
    private AvlNode? root;

    // path[0] is the root, path[depth - 1] the current entry; depth == 0 means unpositioned.
    private AvlNode[] path;
    private int depth;
    private bool disposed;

    public MemoryIterator(MemoryEngine engine, AvlNode? root, byte[]? lowerBound, byte[]? upperBound)
    {
        this.engine = engine;
        this.root = root;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;

        // An AVL path never has more nodes than the tree's height.
        path = new AvlNode[AvlNode.HeightOf(root)];
    }

    /// <inheritdoc/>
    public override bool IsValid
    {
        get
        {
            ThrowIfDisposed();
            return depth > 0;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Key => Current.Key;

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Value => Current.Value;

    private AvlNode Current
    {
        get
        {
            ThrowIfDisposed();
            if (depth == 0)
            {
                throw new InvalidOperationException("The iterator is not positioned on an entry: call a Seek method and check IsValid first.");
            }

            return path[depth - 1];
        }
    }

    /// <inheritdoc/>
    public override void SeekToFirst()
    {
        ThrowIfDisposed();
        if (lowerBound is not null)
        {
            PositionAtOrAfter(lowerBound);
        }
        else
        {
            depth = 0;
            for (var node = root; node is not null; node = node.Left)
            {
                path[depth++] = node;
            }
        }

        InvalidateIfAtOrPastUpperBound();
    }

    /// <inheritdoc/>
    public override void SeekToLast()
    {
        ThrowIfDisposed();
        if (upperBound is not null)
        {
            PositionAtOrBefore(upperBound, inclusive: false);
        }
        else
        {
            depth = 0;
            for (var node = root; node is not null; node = node.Right)
            {
                path[depth++] = node;
            }
        }

        InvalidateIfBelowLowerBound();
    }

    /// <inheritdoc/>
    public override void Seek(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        PositionAtOrAfter(lowerBound is not null && AvlTree.Compare(key, lowerBound) < 0 ? lowerBound : key);
        InvalidateIfAtOrPastUpperBound();
    }

    /// <inheritdoc/>
    public override void SeekForPrev(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        if (upperBound is not null && AvlTree.Compare(key, upperBound) >= 0)
        {
            PositionAtOrBefore(upperBound, inclusive: false);
        }
        else
        {
            PositionAtOrBefore(key, inclusive: true);
        }

        InvalidateIfBelowLowerBound();
    }

    /// <inheritdoc/>
    public override void Next()
    {
        var current = Current;
        if (current.Right is not null)
        {
            // The successor is the leftmost node of the right subtree.
            for (var node = current.Right; node is not null; node = node.Left)
            {
                path[depth++] = node;
            }
        }
        else
        {
            // Climb while we are a right child; the parent we reach from its left side is next.
            while (depth > 1 && ReferenceEquals(path[depth - 2].Right, path[depth - 1]))
            {
                depth--;
            }

            depth--;
        }

        InvalidateIfAtOrPastUpperBound();
    }

    /// <inheritdoc/>
    public override void Previous()
    {
        var current = Current;
        if (current.Left is not null)
        {
            // The predecessor is the rightmost node of the left subtree.
            for (var node = current.Left; node is not null; node = node.Right)
            {
                path[depth++] = node;
            }
        }
        else
        {
            // Climb while we are a left child; the parent we reach from its right side is previous.
            while (depth > 1 && ReferenceEquals(path[depth - 2].Left, path[depth - 1]))
            {
                depth--;
            }

            depth--;
        }

        InvalidateIfBelowLowerBound();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        disposed = true;
        depth = 0;
        root = null;
        path = [];
    }

    /// <summary>Positions on the first entry with a key ≥ <paramref name="target"/>, or unpositions.</summary>
    private void PositionAtOrAfter(ReadOnlySpan<byte> target)
    {
        var found = 0;
        var length = 0;
        for (var node = root; node is not null;)
        {
            path[length++] = node;
            if (AvlTree.Compare(node.Key, target) >= 0)
            {
                found = length;
                node = node.Left;
            }
            else
            {
                node = node.Right;
            }
        }

        // The path to the best candidate is a prefix of the search path.
        depth = found;
    }

    /// <summary>Positions on the last entry with a key ≤ (or &lt;) <paramref name="target"/>, or unpositions.</summary>
    private void PositionAtOrBefore(ReadOnlySpan<byte> target, bool inclusive)
    {
        var found = 0;
        var length = 0;
        for (var node = root; node is not null;)
        {
            path[length++] = node;
            var order = AvlTree.Compare(node.Key, target);
            if (order < 0 || (inclusive && order == 0))
            {
                found = length;
                node = node.Right;
            }
            else
            {
                node = node.Left;
            }
        }

        depth = found;
    }

    private void InvalidateIfAtOrPastUpperBound()
    {
        if (depth > 0 && upperBound is not null && AvlTree.Compare(path[depth - 1].Key, upperBound) >= 0)
        {
            depth = 0;
        }
    }

    private void InvalidateIfBelowLowerBound()
    {
        if (depth > 0 && lowerBound is not null && AvlTree.Compare(path[depth - 1].Key, lowerBound) < 0)
        {
            depth = 0;
        }
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(disposed, this);

        // The contract forbids use after the engine is gone, even though this iterator's tree would survive it.
        engine.ThrowIfDisposed();
    }
}
