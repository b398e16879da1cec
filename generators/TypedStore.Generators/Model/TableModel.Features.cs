namespace TypedStore.Generators.Model;

/// <content>What the lifecycle features (generated keys, streams, soft delete, change feed) derive from a table's model.</content>
internal sealed partial record TableModel
{
    /// <summary>
    /// The index of the table's generated key part: the only part marked <c>[Key(Generated = true)]</c>, when it
    /// is a <see cref="long"/>; -1 otherwise (none, several, or another type: those get diagnostics instead).
    /// </summary>
    public int GeneratedKeyIndex
    {
        get
        {
            int found = -1;
            for (int i = 0; i < Keys.Count; i++)
            {
                if (!Keys[i].Generated)
                {
                    continue;
                }

                if (found >= 0 || !IsLong(Keys[i]))
                {
                    return -1;
                }

                found = i;
            }

            return found;
        }
    }

    /// <summary>Whether the table is a stream whose generated key part can hold time-ordered ids (a long, ascending): <c>Append</c> is generated.</summary>
    public bool HasTimeOrderedKey => IsStreamTable && GeneratedKeyIndex is var index && index >= 0 && !Keys[index].Descending;

    /// <summary>Whether writes do more than write the row (soft delete, change feed), so they are not the plain allocation-free path.</summary>
    public bool HasLifecycleWrites => SoftDelete || ChangeFeed;

    /// <summary>The attribute's CacheSize: the most rows the table's row cache holds; 0 for no cache.</summary>
    public int CacheSize { get; init; }

    /// <summary>The attribute's CacheTtlSeconds: how long a cached row is served; 0 for no limit.</summary>
    public int CacheTtlSeconds { get; init; }

    /// <summary>Whether the table is a Stream table.</summary>
    public bool IsStreamTable => Kind == TableKindModel.Stream;

    /// <summary>Whether a key part is a plain <see cref="long"/> (not an enum over one).</summary>
    public static bool IsLong(KeyPartModel part) => part.Encoding == "Int64" && part.EnumUnderlyingType is null;
}
