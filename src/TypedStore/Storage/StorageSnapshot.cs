namespace TypedStore.Storage;

/// <summary>
/// A consistent read view of an engine at one moment: reads through it never see later writes.
/// Only usable with the engine that created it. Throws <see cref="ObjectDisposedException"/> after dispose.
/// </summary>
public abstract class StorageSnapshot : IDisposable
{
    /// <summary>Releases the snapshot.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
