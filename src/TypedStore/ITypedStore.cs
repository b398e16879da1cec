using TypedStore.Storage;

namespace TypedStore;

/// <summary>
/// What every generated store is: the generator adds this interface to each <see cref="StoreAttribute"/> class, so
/// code that is generic over stores (dependency injection in <c>TypedStore.Hosting</c>, test helpers) opens and
/// checks any of them through <typeparamref name="TSelf"/>'s static members, with no reflection (NativeAOT-safe).
/// </summary>
/// <typeparam name="TSelf">The store class itself (<c>ChatStore : ITypedStore&lt;ChatStore&gt;</c>).</typeparam>
/// <remarks>
/// Implemented by generated code only; the members are the generated store's own (where its <c>options</c> parameters are
/// optional: here they are not, so that the overloads stay unambiguous for callers through the interface).
/// </remarks>
public interface ITypedStore<TSelf> : IDisposable
    where TSelf : class, ITypedStore<TSelf>
{
    /// <summary>Opens (or creates) the store in the RocksDB directory <paramref name="path"/>.</summary>
    /// <param name="path">The store's directory.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    static abstract TSelf Open(string path, StoreOptions? options);

    /// <summary>Opens (or creates) the store in the RocksDB directory <paramref name="path"/>, tuned by <paramref name="rocksDb"/>.</summary>
    /// <param name="path">The store's directory.</param>
    /// <param name="rocksDb">RocksDB tuning.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    static abstract TSelf Open(string path, RocksDbOptions rocksDb, StoreOptions? options);

    /// <summary>Creates an empty store held in memory.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    static abstract TSelf OpenInMemory(StoreOptions? options);

    /// <summary>Opens the store on the engine <paramref name="provider"/> opens.</summary>
    /// <param name="provider">Opens the engine.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    static abstract TSelf Open(StorageEngineProvider provider, StoreOptions? options);

    /// <summary>
    /// Checks that the store answers: it is not disposed, its engine takes a read view, and no background work has
    /// failed since the last success. Never throws; cheap enough for a health probe.
    /// </summary>
    /// <returns>The store's health, with the reason and the exception when it is not healthy.</returns>
    StoreHealth CheckHealth();
}
