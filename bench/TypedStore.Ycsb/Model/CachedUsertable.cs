namespace TypedStore.Ycsb.Model;

/// <summary>
/// <see cref="Usertable"/> with a row cache (docs/row-cache.md) that holds the whole 100,000-row data set of the default
/// run, so the hot set of a zipfian workload is served from memory: the <c>typedstore-cached</c> contender. Immutable
/// (a positional record of strings), as a cached row must be (TS0021).
/// </summary>
[Table("usertable", CacheSize = 100_000)]
public sealed record CachedUsertable(
    [property: Key] string Key,
    string Field0,
    string Field1,
    string Field2,
    string Field3,
    string Field4,
    string Field5,
    string Field6,
    string Field7,
    string Field8,
    string Field9)
{
    /// <summary>The same row as a cached row.</summary>
    public static CachedUsertable From(Usertable row)
        => new(row.Key, row.Field0, row.Field1, row.Field2, row.Field3, row.Field4, row.Field5, row.Field6, row.Field7, row.Field8, row.Field9);
}

/// <summary>The store of the <c>typedstore-cached</c> contender: the cached table alone.</summary>
[Store(typeof(CachedUsertable))]
public sealed partial class CachedYcsbStore;
