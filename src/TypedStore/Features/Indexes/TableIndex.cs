using TypedStore.Keys;

namespace TypedStore.Features.Indexes;

/// <summary>
/// One index of a table as the runtime uses it: the generated codec behind a virtual call, so a table keeps its
/// indexes in one array. Generated code creates one per declared index, in declaration order.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class TableIndex<TRow>
{
    private protected TableIndex()
    {
    }

    /// <summary>The index's name.</summary>
    public abstract string Name { get; }

    /// <summary>Writes the row's entry prefix (user id, index parts); returns whether a part is null.</summary>
    internal abstract bool WriteEntryPrefix(ref KeyWriter writer, TRow row);

    /// <summary>The row's index parts, rendered for messages.</summary>
    internal abstract string Render(TRow row);
}

/// <summary>An index whose parts <typeparamref name="TCodec"/> encodes.</summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TCodec">The generated index codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class TableIndex<TRow, TCodec> : TableIndex<TRow>
    where TCodec : struct, IIndexCodec<TRow>
{
    /// <inheritdoc/>
    public override string Name => TCodec.Name;

    internal override bool WriteEntryPrefix(ref KeyWriter writer, TRow row) => TCodec.WriteEntryPrefix(ref writer, row);

    internal override string Render(TRow row) => TCodec.Render(row);
}
