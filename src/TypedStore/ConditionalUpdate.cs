namespace TypedStore;

/// <summary>
/// The outcome of a batch's <c>Update</c>: the row as the change left it, or none when there was no row, decided
/// atomically when the batch commits (docs/transactions.md, "Conditional writes in a batch").
/// </summary>
/// <remarks>
/// Readable once the batch's <c>Commit</c> has returned. Before that (and after a <c>Commit</c> that threw, when
/// nothing was written) there is no outcome: reading <see cref="Updated"/> or <see cref="Row"/> throws
/// <see cref="InvalidOperationException"/>.
/// </remarks>
/// <typeparam name="TRow">The table's row type.</typeparam>
public sealed class ConditionalUpdate<TRow>
{
    private readonly string _table;
    private TRow? _row;
    private bool _updated;

    internal ConditionalUpdate(string table) => _table = table;

    /// <summary>Whether the batch has committed, so <see cref="Updated"/> and <see cref="Row"/> are known.</summary>
    public bool IsDecided { get; private set; }

    /// <summary>Whether a row with the key existed and was changed (<see langword="false"/>: nothing was written for it).</summary>
    /// <exception cref="InvalidOperationException">The batch has not committed.</exception>
    public bool Updated
    {
        get
        {
            ThrowIfUndecided();
            return _updated;
        }
    }

    /// <summary>The row the change returned, as written; <see langword="default"/> when there was no row.</summary>
    /// <exception cref="InvalidOperationException">The batch has not committed.</exception>
    public TRow? Row
    {
        get
        {
            ThrowIfUndecided();
            return _row;
        }
    }

    /// <summary>Makes the outcome readable (the batch committed).</summary>
    internal void Decide(bool updated, TRow? row)
    {
        _updated = updated;
        _row = row;
        IsDecided = true;
    }

    private void ThrowIfUndecided()
    {
        if (!IsDecided)
        {
            throw new InvalidOperationException($"Table '{_table}': a batch's Update is decided when the batch commits; read its outcome after Commit returns.");
        }
    }
}
