namespace TypedStore.Features.Streams;

/// <summary>A stream table whose expired rows the background eviction removes.</summary>
internal interface IExpiringTable
{
    /// <summary>The table's name, for error reports.</summary>
    string Name { get; }

    /// <summary>Removes the rows expired as of now.</summary>
    void EvictExpired();
}
