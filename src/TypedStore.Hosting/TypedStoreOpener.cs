using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TypedStore.Hosting;

/// <summary>
/// Opens a registered store the first time the container is asked for it, from its validated options, through the
/// store's static <see cref="ITypedStore{TSelf}"/> members (no reflection). The container owns the store it returns
/// and disposes it with itself.
/// </summary>
/// <remarks>
/// The one place where services of the container reach a store being opened: the <see cref="TimeProvider"/> and the
/// <see cref="ILoggerFactory"/> (the store logs its open, catalog changes and index builds there).
/// </remarks>
internal static class TypedStoreOpener
{
    public static TStore Open<TStore>(IServiceProvider services, string optionsName)
        where TStore : class, ITypedStore<TStore>
    {
        TypedStoreOptions options = services.GetRequiredService<IOptionsMonitor<TypedStoreOptions>>().Get(optionsName);
        StoreOptions storeOptions = new()
        {
            SyncWrites = options.SyncWrites,
            DisableWal = options.DisableWal,
            ReadOnly = options.ReadOnly,
            CreateIfMissing = options.CreateIfMissing,
            StreamEvictionInterval = options.StreamEvictionInterval,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };

        if (options.InMemory)
        {
            return TStore.OpenInMemory(storeOptions);
        }

        // Validation guarantees a path here (and the options are validated again on every Get after a reload).
        string path = options.Path!;
        if (options.BlockCacheBytes == 0 && options.MemtableBloomFilterRatio is null)
        {
            return TStore.Open(path, storeOptions);
        }

        var rocksDbOptions = new RocksDbOptions
        {
            BlockCacheBytes = options.BlockCacheBytes,
            MemtableBloomFilterRatio = options.MemtableBloomFilterRatio ?? RocksDbOptions.DefaultMemtableBloomFilterRatio,
        };
        return TStore.Open(path, rocksDbOptions, storeOptions);
    }
}
