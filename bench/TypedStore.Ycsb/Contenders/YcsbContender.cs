namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// One store under test. It is opened on a fresh directory (or in memory), hands out one <see cref="YcsbSession"/> per
/// worker thread, and says how durable its writes are, so the report compares like with like.
/// </summary>
internal abstract class YcsbContender : IDisposable
{
    /// <summary>The row name in every table.</summary>
    public abstract string Name { get; }

    /// <summary>What an acknowledged write survives, and how the store was told to do it (the docs' settings table).</summary>
    public abstract string Durability { get; }

    /// <summary>
    /// True when an acknowledged write survives a crash of the process (a log or a page-cache write, no fsync per write):
    /// the durability TypedStore's default row is held to. False for stores that keep writes in process memory.
    /// </summary>
    public abstract bool SurvivesProcessCrash { get; }

    /// <summary>True for TypedStore's own rows (never a "peer").</summary>
    public virtual bool IsTypedStore => false;

    /// <summary>False when the store has no ordered scan from a key (workload E is then not run for it).</summary>
    public virtual bool SupportsScan => true;

    /// <summary>The store's directory, or null for a store in memory (no size to report).</summary>
    public string? DataDirectory { get; protected init; }

    /// <summary>A session for one worker thread; sessions are used by one thread at a time.</summary>
    public abstract YcsbSession OpenSession();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
