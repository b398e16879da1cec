namespace TypedStore.Storage;

/// <summary>Optional capabilities: what some engines can do and others cannot.</summary>
public abstract partial class StorageEngine
{
    /// <summary>
    /// Returns the engine's implementation of an optional capability, or <see langword="null"/> when it has none.
    /// Capabilities today: <see cref="IStorageMaintenance"/> (flush, compact, checkpoint, properties). Optimistic
    /// transactions (issue 13) will be one more capability interface obtained the same way, so the core contract
    /// does not grow and an engine without them is refused by name.
    /// </summary>
    /// <typeparam name="TCapability">The capability interface.</typeparam>
    /// <remarks>
    /// The default answers with the engine itself when it implements <typeparamref name="TCapability"/>; a decorator
    /// engine overrides it to hand out its inner engine's capabilities (or its own wrappers of them).
    /// </remarks>
    public virtual TCapability? TryGetCapability<TCapability>()
        where TCapability : class
        => this as TCapability;

    /// <summary>
    /// Returns the engine's implementation of an optional capability; throws <see cref="NotSupportedException"/>
    /// naming the engine and the capability when it has none.
    /// </summary>
    /// <typeparam name="TCapability">The capability interface.</typeparam>
    public TCapability GetCapability<TCapability>()
        where TCapability : class
        => TryGetCapability<TCapability>()
            ?? throw new NotSupportedException($"The storage engine {GetType().Name} does not support {typeof(TCapability).Name}.");
}
