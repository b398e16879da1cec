// A readonly record struct row with a two-part integer key.
using TypedStore;

namespace Samples.Grid;

/// <summary>A labelled cell of a grid.</summary>
/// <param name="X">The column.</param>
/// <param name="Y">The row.</param>
/// <param name="Label">The cell's label.</param>
[Table("cells")]
public readonly record struct Cell([property: Key] int X, [property: Key] int Y, string Label);

/// <summary>The grid store.</summary>
[Store]
public partial class GridStore;
