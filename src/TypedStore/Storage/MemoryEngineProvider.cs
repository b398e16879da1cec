namespace TypedStore.Storage;

/// <summary>Creates an empty in-memory engine on every <see cref="Open"/>: for tests and ephemeral stores.</summary>
public sealed class MemoryEngineProvider : StorageEngineProvider
{
    private MemoryEngineProvider()
    {
    }

    /// <summary>The provider; it holds no state.</summary>
    public static MemoryEngineProvider Instance { get; } = new();

    /// <inheritdoc/>
    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
        => Memory.MemoryEngine.Create(columnFamilies, options);
}
