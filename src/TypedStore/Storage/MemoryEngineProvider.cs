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
    /// <exception cref="ArgumentException"><see cref="StoreOptions.ReadOnly"/> is set: a new in-memory store is empty, so a read-only one could never hold a row.</exception>
    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReadOnly)
        {
            throw new ArgumentException(
                "StoreOptions.ReadOnly cannot be set for an in-memory store: it starts empty, so a read-only one could never hold a row.",
                nameof(options));
        }

        return Memory.MemoryEngine.Create(columnFamilies, options);
    }
}
