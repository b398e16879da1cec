namespace TypedStore.Hosting;

/// <summary>
/// The name of a store's <see cref="TypedStoreOptions"/> among the container's named options: the store class's full
/// name, so two stores in one container keep separate options. Read it with
/// <c>IOptionsMonitor&lt;TypedStoreOptions&gt;.Get(TypedStoreOptionsName.Of&lt;ChatStore&gt;())</c>.
/// </summary>
public static class TypedStoreOptionsName
{
    /// <summary>The options name of <typeparamref name="TStore"/>.</summary>
    /// <typeparam name="TStore">A store class.</typeparam>
    /// <returns>The store class's full name.</returns>
    public static string Of<TStore>()
        where TStore : class, ITypedStore<TStore>
        => NameCache<TStore>.Name;

    private static class NameCache<TStore>
    {
        public static readonly string Name = typeof(TStore).FullName ?? typeof(TStore).Name;
    }
}
