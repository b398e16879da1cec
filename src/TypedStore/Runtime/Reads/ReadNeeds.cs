namespace TypedStore.Runtime.Reads;

/// <summary>
/// What a table's read filters need from each stored row beyond its key bytes, so a read fetches no more than that:
/// a table whose filters need nothing counts its rows from keys alone.
/// </summary>
[Flags]
internal enum ReadNeeds
{
    /// <summary>The encoded key is enough.</summary>
    None = 0,

    /// <summary>The row's value header (<c>_updated</c>, flags).</summary>
    Header = 1,

    /// <summary>The row's decoded key parts (e.g. a time-ordered id).</summary>
    DecodedKey = 2,

    /// <summary>"Now", read once per point read or per enumeration, so one scan judges every row by one moment.</summary>
    Clock = 4,
}
