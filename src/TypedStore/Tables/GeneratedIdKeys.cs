namespace TypedStore.Tables;

/// <summary>
/// The generated id part of one table's keys, as the runtime's feature code sees it: built once per table, by the
/// generated accessor, where the codec is known to be an <see cref="IGeneratedIdCodec{TRow, TKey}"/>
/// (<see cref="GeneratedIdKeys{TRow, TKey, TCodec}"/>), and handed to the table core for what reads the id of every
/// row it meets (a stream's expiry filter, id recovery, a <c>PutMany</c>'s highest id). Tables without a generated key
/// part have none, so nothing can ask them for an id.
/// </summary>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class GeneratedIdKeys<TKey>
    where TKey : struct
{
    private protected GeneratedIdKeys(int part, bool descending)
    {
        Part = part;
        Descending = descending;
    }

    /// <summary>The index of the generated key part (<see cref="IGeneratedIdCodec{TRow, TKey}.GeneratedKeyPart"/>).</summary>
    internal int Part { get; }

    /// <summary>Whether the generated key part sorts descending (<see cref="IGeneratedIdCodec{TRow, TKey}.GeneratedKeyDescending"/>).</summary>
    internal bool Descending { get; }

    /// <summary>The generated key part's value (<see cref="IGeneratedIdCodec{TRow, TKey}.GetGeneratedId"/>).</summary>
    internal abstract long IdOf(in TKey key);
}

/// <summary>The <see cref="GeneratedIdKeys{TKey}"/> of the table whose codec is <typeparamref name="TCodec"/>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class GeneratedIdKeys<TRow, TKey, TCodec> : GeneratedIdKeys<TKey>
    where TKey : struct
    where TCodec : struct, IGeneratedIdCodec<TRow, TKey>
{
    /// <summary>Reads where the codec's generated key part is and how it sorts.</summary>
    public GeneratedIdKeys()
        : base(TCodec.GeneratedKeyPart, TCodec.GeneratedKeyDescending)
    {
    }

    /// <inheritdoc/>
    internal override long IdOf(in TKey key) => TCodec.GetGeneratedId(key);
}
