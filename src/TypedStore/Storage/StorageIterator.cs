namespace TypedStore.Storage;

/// <summary>
/// A cursor over one column family in key order, optionally bounded and reading a snapshot.
/// <see cref="Key"/> and <see cref="Value"/> are valid only until the next move or dispose.
/// Not thread-safe. Throws <see cref="ObjectDisposedException"/> after dispose.
/// </summary>
public abstract class StorageIterator : IDisposable
{
    /// <summary>Whether the iterator is positioned on an entry.</summary>
    public abstract bool IsValid { get; }

    /// <summary>The current key; throws <see cref="InvalidOperationException"/> when not <see cref="IsValid"/>.</summary>
    public abstract ReadOnlySpan<byte> Key { get; }

    /// <summary>The current value; throws <see cref="InvalidOperationException"/> when not <see cref="IsValid"/>.</summary>
    public abstract ReadOnlySpan<byte> Value { get; }

    /// <summary>Positions on the first entry.</summary>
    public abstract void SeekToFirst();

    /// <summary>Positions on the last entry.</summary>
    public abstract void SeekToLast();

    /// <summary>Positions at the first entry of a walk in the given direction: the last entry when <paramref name="reverse"/>.</summary>
    internal void SeekToStart(bool reverse)
    {
        if (reverse)
        {
            SeekToLast();
        }
        else
        {
            SeekToFirst();
        }
    }

    /// <summary>Positions on the first entry whose key is ≥ <paramref name="key"/>.</summary>
    public abstract void Seek(ReadOnlySpan<byte> key);

    /// <summary>Positions on the last entry whose key is ≤ <paramref name="key"/>.</summary>
    public abstract void SeekForPrev(ReadOnlySpan<byte> key);

    /// <summary>Moves to the next entry; throws <see cref="InvalidOperationException"/> when not <see cref="IsValid"/>.</summary>
    public abstract void Next();

    /// <summary>Moves to the previous entry; throws <see cref="InvalidOperationException"/> when not <see cref="IsValid"/>.</summary>
    public abstract void Previous();

    /// <summary>Releases the iterator.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
