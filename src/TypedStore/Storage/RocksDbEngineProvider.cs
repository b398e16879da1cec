using TypedStore.Storage.RocksDb;

namespace TypedStore.Storage;

/// <summary>Opens a RocksDB store in a directory, with <see cref="RocksDbOptions"/> for the engine's tuning.</summary>
public sealed class RocksDbEngineProvider : StorageEngineProvider
{
    /// <summary>
    /// A provider for the store in <paramref name="path"/>. The path and every option of <paramref name="rocksDb"/> are
    /// checked here, before anything is opened.
    /// </summary>
    /// <param name="path">The store's directory.</param>
    /// <param name="rocksDb">RocksDB tuning; <see langword="null"/> for the defaults.</param>
    public RocksDbEngineProvider(string path, RocksDbOptions? rocksDb = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RocksDbOptions options = rocksDb ?? RocksDbOptions.Default;
        options.Validate();
        Path = path;
        RocksDb = options;
    }

    /// <summary>The store's directory, as given.</summary>
    public string Path { get; }

    /// <summary>The RocksDB tuning the store is opened with.</summary>
    public RocksDbOptions RocksDb { get; }

    /// <inheritdoc/>
    /// <exception cref="StoreLockedException">The directory is already open, in this process or another one.</exception>
    /// <exception cref="StoreCorruptedException">The store's files are damaged; nothing was changed.</exception>
    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
        => RocksDbEngine.Open(Path, columnFamilies, options, RocksDb);
}
