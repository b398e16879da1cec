namespace TypedStore.Storage;

/// <summary>How durable a write must be when it returns.</summary>
public enum WriteDurability
{
    /// <summary>As the store's options say (<see cref="StoreOptions.SyncWrites"/>, <see cref="StoreOptions.DisableWal"/>).</summary>
    Default = 0,

    /// <summary>The write-ahead log is synced before returning, whatever the options say (System tables).</summary>
    Synced = 1,
}
