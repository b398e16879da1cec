using TypedStore.Etcd.Internal;
using TypedStore.Storage;

namespace TypedStore.Etcd;

/// <summary>Opens a store's engine on an etcd cluster; made by <see cref="EtcdEngine.Connect"/>.</summary>
public sealed class EtcdEngineProvider : StorageEngineProvider
{
    internal EtcdEngineProvider(EtcdEngineOptions options) => Options = options;

    /// <summary>The options the provider opens engines with.</summary>
    public EtcdEngineOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="StorageEngineException">The cluster did not answer within <see cref="EtcdEngineOptions.ConnectTimeout"/>; the message names the endpoints.</exception>
    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(columnFamilies);
        ArgumentNullException.ThrowIfNull(options);
        return EtcdStorageEngine.Open(Options, columnFamilies, options);
    }
}
