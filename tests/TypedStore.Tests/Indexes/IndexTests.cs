namespace TypedStore.Tests.Indexes;

/// <summary>
/// Secondary and unique indexes through the generated <see cref="IndexStore"/>, written once and run on every engine
/// (derived classes). After each write path, the indexes are compared with a recomputation from the rows
/// (<see cref="IndexOracle"/>).
/// </summary>
public abstract partial class IndexTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a new, empty store.</summary>
    internal abstract IndexStore OpenStore();

    /// <summary>Closes <paramref name="store"/> and opens it again (the memory engine keeps nothing, so it returns the same store).</summary>
    internal abstract IndexStore Reopen(IndexStore store);

    /// <summary>Whether <see cref="Reopen"/> really reopens.</summary>
    protected abstract bool Persists { get; }

    protected virtual void DisposeEngineResources()
    {
    }

    internal T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }
}
