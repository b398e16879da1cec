namespace TypedStore.Storage.Memory;

/// <summary>
/// A snapshot of a <see cref="MemoryEngine"/>: simply the engine version current at its creation.
/// Versions are immutable, so holding one costs nothing but the memory of entries later
/// overwritten or deleted, which is released when the snapshot is disposed.
/// </summary>
internal sealed class MemorySnapshot : StorageSnapshot
{
    private MemoryEngineState? state;

    public MemorySnapshot(MemoryEngine engine, MemoryEngineState state)
    {
        Engine = engine;
        this.state = state;
    }

    /// <summary>The engine that created this snapshot.</summary>
    public MemoryEngine Engine { get; }

    /// <summary>The captured version; throws <see cref="ObjectDisposedException"/> after dispose.</summary>
    public MemoryEngineState State => Volatile.Read(ref state) ?? throw new ObjectDisposedException(nameof(StorageSnapshot), "The snapshot has been disposed.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => Volatile.Write(ref state, null);
}
