namespace TypedStore.Benchmarks.Suites;

/// <summary>The order in which a write benchmark visits the rows.</summary>
public enum KeyOrder
{
    /// <summary>Ascending keys, as appends by id would write them.</summary>
    Sequential,

    /// <summary>A fixed pseudo-random permutation of the same keys.</summary>
    Random,
}
