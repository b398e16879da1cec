namespace TypedStore.Storage.Memory;

/// <summary>
/// One immutable version of a whole memory engine: the root of every column family's tree.
/// The engine publishes a new version per write (or per batch), so readers that hold a
/// version — a snapshot, an iterator, a single Get — see all column families at one moment.
/// </summary>
internal sealed class MemoryEngineState
{
    private readonly AvlNode?[] roots;

    public MemoryEngineState(AvlNode?[] roots) => this.roots = roots;

    /// <summary>The tree of the column family at <paramref name="index"/>; <see langword="null"/> when empty.</summary>
    public AvlNode? RootOf(int index) => roots[index];

    /// <summary>A new version where only the column family at <paramref name="index"/> changed.</summary>
    public MemoryEngineState With(int index, AvlNode? root)
    {
        var copy = CopyRoots();
        copy[index] = root;
        return new MemoryEngineState(copy);
    }

    /// <summary>A private copy of the roots, for building the next version from several changes.</summary>
    public AvlNode?[] CopyRoots() => (AvlNode?[])roots.Clone();
}
