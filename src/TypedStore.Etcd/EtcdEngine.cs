using TypedStore.Storage;

namespace TypedStore.Etcd;

/// <summary>
/// Runs stores on an etcd cluster: <c>ChatStore.Open(EtcdEngine.Connect(new EtcdEngineOptions { Endpoints = [...],
/// KeyPrefix = "chat/" }))</c>. See docs/scale-out.md for what it costs and when to use it.
/// </summary>
public static class EtcdEngine
{
    /// <summary>
    /// Checks <paramref name="options"/> and returns a provider that opens the store on the cluster. Nothing is contacted
    /// yet: the store's <c>Open</c> connects (within <see cref="EtcdEngineOptions.ConnectTimeout"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static StorageEngineProvider Connect(EtcdEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new EtcdEngineProvider(options);
    }
}
