using System.ComponentModel;

namespace TypedStore.Queries;

/// <summary>Which end of a query's range a bound sets, and whether the bound's own rows are inside. For generated code.</summary>
/// <remarks>
/// Bounds are positions in the table's key order (the order <c>ScanAll</c> returns), so on a descending key part
/// <see cref="From"/> 20 starts at 20 and goes on to smaller values. A bound on some key parts covers every row whose
/// parts equal it, whatever deeper parts follow (docs/queries.md, "Bounds").
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum QueryBound : byte
{
    /// <summary>Starts at the bound's rows, included.</summary>
    From = 1,

    /// <summary>Starts after the bound's rows, excluded.</summary>
    After = 2,

    /// <summary>Ends at the bound's rows, included.</summary>
    To = 3,

    /// <summary>Ends before the bound's rows, excluded.</summary>
    Before = 4,
}
