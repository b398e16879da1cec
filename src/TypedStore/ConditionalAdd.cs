namespace TypedStore;

/// <summary>
/// The outcome of a batch's <c>TryAdd</c>: whether the row was added, decided atomically when the batch commits
/// (docs/transactions.md, "Conditional writes in a batch").
/// </summary>
/// <remarks>
/// Readable once the batch's <c>Commit</c> has returned. Before that (and after a <c>Commit</c> that threw, when
/// nothing was written) there is no outcome: reading <see cref="Added"/> throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class ConditionalAdd
{
    private readonly string _table;
    private bool _added;

    internal ConditionalAdd(string table) => _table = table;

    /// <summary>Whether the batch has committed, so <see cref="Added"/> is known.</summary>
    public bool IsDecided { get; private set; }

    /// <summary>
    /// Whether the row was added (<see langword="false"/>: a row with its key existed when the batch committed, and the
    /// batch's other writes were applied without it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch has not committed.</exception>
    public bool Added
    {
        get
        {
            if (!IsDecided)
            {
                throw new InvalidOperationException($"Table '{_table}': a batch's TryAdd is decided when the batch commits; read Added after Commit returns.");
            }

            return _added;
        }
    }

    /// <summary>Makes the outcome readable (the batch committed).</summary>
    internal void Decide(bool added)
    {
        _added = added;
        IsDecided = true;
    }
}
