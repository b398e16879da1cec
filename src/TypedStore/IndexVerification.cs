namespace TypedStore;

/// <summary>One index's part of a <see cref="TableVerification"/>.</summary>
public sealed class IndexVerification
{
    /// <summary>Creates a result.</summary>
    /// <param name="index">The index's name.</param>
    /// <param name="entries">The entries stored in the index.</param>
    /// <param name="missingEntries">Entries a live row calls for that the index lacks.</param>
    /// <param name="staleEntries">Entries stored that no live row calls for (a deleted row's, an old value's, or foreign bytes).</param>
    /// <param name="samples">Up to <see cref="MaxSamples"/> of the faulty entries, rendered, each prefixed "missing" or "stale".</param>
    public IndexVerification(string index, long entries, long missingEntries, long staleEntries, IReadOnlyList<string> samples)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(samples);
        Index = index;
        Entries = entries;
        MissingEntries = missingEntries;
        StaleEntries = staleEntries;
        Samples = samples;
    }

    /// <summary>How many faulty entries <see cref="Samples"/> shows at most.</summary>
    public const int MaxSamples = 10;

    /// <summary>The index's name.</summary>
    public string Index { get; }

    /// <summary>The entries stored in the index.</summary>
    public long Entries { get; }

    /// <summary>Entries a live row calls for that the index lacks.</summary>
    public long MissingEntries { get; }

    /// <summary>Entries stored that no live row calls for.</summary>
    public long StaleEntries { get; }

    /// <summary>Some of the faulty entries, rendered (each prefixed "missing" or "stale").</summary>
    public IReadOnlyList<string> Samples { get; }

    /// <summary>Whether the index holds exactly the entries its rows call for.</summary>
    public bool IsConsistent => MissingEntries == 0 && StaleEntries == 0;

    /// <inheritdoc/>
    public override string ToString()
        => $"index '{Index}': {Entries} entries, {MissingEntries} missing, {StaleEntries} stale";
}
