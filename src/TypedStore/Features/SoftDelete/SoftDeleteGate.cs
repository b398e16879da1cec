using TypedStore.Runtime.Writes;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// Keeps <c>PurgeDeleted</c> from racing the writes of a <c>SoftDelete</c> table. Purging decides from what it
/// read (a marker older than the cut-off) and then removes the row: a <c>Put</c> or <c>Restore</c> landing in
/// between would be lost. Writers share the gate; the purger holds it alone, one bounded chunk at a time.
/// Writers never wait for each other, and each write is still one atomic engine write without a read.
/// </summary>
/// <remarks>
/// <para>Not owned by a thread: a writer's commit enters it (<see cref="EnterWrite"/> or <see cref="EnterWriteAsync"/>),
/// may await the engine and resume elsewhere, and exits once (<see cref="ExitWrite"/>). A writer counts itself in
/// (<see cref="_writers"/>) and then checks for a purge; the purger raises <see cref="_purging"/> and then waits until
/// no writer is counted. Both sides use full fences (interlocked operations), so at least one of them sees the other:
/// a writer that sees the purge counts itself out and waits for the purger's chunk to end; a purger that sees writers
/// waits on <see cref="_drained"/>, signalled by the last writer out.</para>
/// <para>A writer pays one interlocked increment and one decrement, as it did with the reader lock this replaced.
/// The semaphores live as long as the table (the store's lifetime), never hand out a wait handle, and are not disposed.</para>
/// </remarks>
internal sealed class SoftDeleteGate
{
    private static long s_nextOrder;

    // Held by the purger for one chunk (and so one purger at a time); writers that met a purge wait on it.
    private readonly SemaphoreSlim _purge = new(1, 1);

    // Signalled when the last writer leaves during a purge; the purger re-checks the count on every signal, so a
    // stray signal (a writer that backed off) only costs a loop.
    private readonly SemaphoreSlim _drained = new(0, int.MaxValue);

    private int _writers;
    private int _purging;

    // The write set the purger commits under its own hold (its writes need no writer's entry).
    private WriteSet? _purgeWrites;

    /// <summary>A process-wide order: a batch that writes several soft-delete tables enters their gates in this order, so two batches cannot deadlock.</summary>
    public long Order { get; } = Interlocked.Increment(ref s_nextOrder);

    /// <summary>Whether <paramref name="writes"/> is the purger's own chunk, committed while it holds the gate alone.</summary>
    public bool IsPurgeChunk(WriteSet writes) => ReferenceEquals(Volatile.Read(ref _purgeWrites), writes);

    /// <summary>Enters as one of any number of writers, blocking while a purge chunk runs.</summary>
    public void EnterWrite()
    {
        while (!TryEnterWrite())
        {
            // A chunk is running: wait for its end, then count in again.
            _purge.Wait();
            _purge.Release();
        }
    }

    /// <summary>Enters as a writer without blocking a thread: a completed task unless a purge chunk runs.</summary>
    /// <param name="cancellationToken">Ends the wait; the gate is then not entered.</param>
    public ValueTask EnterWriteAsync(CancellationToken cancellationToken)
        => TryEnterWrite() ? default : EnterWriteSlowAsync(cancellationToken);

    /// <summary>Leaves after <see cref="EnterWrite"/> or a completed <see cref="EnterWriteAsync"/>.</summary>
    public void ExitWrite() => CountOut();

    /// <summary>Enters alone, waiting for writers to finish and keeping new ones out.</summary>
    /// <param name="purgeWrites">The set the purger commits while it holds the gate (its commit does not enter as a writer).</param>
    public void EnterPurge(WriteSet purgeWrites)
    {
        _purge.Wait();
        Interlocked.Exchange(ref _purging, 1);
        while (Volatile.Read(ref _writers) != 0)
        {
            _drained.Wait();
        }

        Volatile.Write(ref _purgeWrites, purgeWrites);
    }

    /// <summary>
    /// The async form of <see cref="EnterPurge"/>: waits for the purge turn and for the writers to drain without
    /// blocking a thread (<c>PurgeDeletedAsync</c>, whose chunk then awaits its reads and its commit while holding the
    /// gate; nothing here is owned by a thread, so it may resume anywhere and <see cref="ExitPurge"/> there).
    /// </summary>
    /// <param name="purgeWrites">The set the purger commits while it holds the gate.</param>
    /// <param name="cancellationToken">Ends the wait; the gate is then not held and waiting writers go on.</param>
    public async ValueTask EnterPurgeAsync(WriteSet purgeWrites, CancellationToken cancellationToken)
    {
        await _purge.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _purging, 1);
        try
        {
            while (Volatile.Read(ref _writers) != 0)
            {
                await _drained.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Cancelled while the writers drained: step back, so the writers that met the purge go on.
            ExitPurge();
            throw;
        }

        Volatile.Write(ref _purgeWrites, purgeWrites);
    }

    /// <summary>Leaves after <see cref="EnterPurge"/> or a completed <see cref="EnterPurgeAsync"/>; waiting writers count themselves in again.</summary>
    public void ExitPurge()
    {
        Volatile.Write(ref _purgeWrites, null);
        Interlocked.Exchange(ref _purging, 0);
        while (_drained.Wait(0))
        {
            // Stray signals of writers that backed off: not carried into the next purge.
        }

        _purge.Release();
    }

    private bool TryEnterWrite()
    {
        Interlocked.Increment(ref _writers);
        if (Volatile.Read(ref _purging) == 0)
        {
            return true;
        }

        CountOut();
        return false;
    }

    private async ValueTask EnterWriteSlowAsync(CancellationToken cancellationToken)
    {
        do
        {
            await _purge.WaitAsync(cancellationToken).ConfigureAwait(false);
            _purge.Release();
        }
        while (!TryEnterWrite());
    }

    private void CountOut()
    {
        if (Interlocked.Decrement(ref _writers) == 0 && Volatile.Read(ref _purging) != 0)
        {
            _drained.Release();
        }
    }
}
