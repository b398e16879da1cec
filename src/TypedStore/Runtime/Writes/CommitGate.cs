namespace TypedStore.Runtime.Writes;

/// <summary>
/// An exclusive gate that a commit holds across its engine write, entered by the synchronous pipeline with
/// <see cref="Enter"/> and by the async one with <see cref="EnterAsync"/>. Unlike a <see cref="Lock"/> or
/// <c>Monitor</c> it is not owned by a thread, so an async commit may await the engine between entering and
/// <see cref="Exit"/> and resume on another thread. Whoever entered exits exactly once (the pipeline's
/// <see cref="ICommitStep.Release"/> for every step it entered).
/// </summary>
/// <remarks>
/// A <see cref="SemaphoreSlim"/> of one: uncontended, entering and exiting take its internal monitor briefly and
/// allocate nothing; an async entry that must wait allocates its task. It lives as long as the store's table or log
/// that owns it and holds no native resource (no wait handle is ever requested), so it is not disposed.
/// </remarks>
internal sealed class CommitGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Enters, blocking this thread while another commit holds the gate.</summary>
    public void Enter() => _semaphore.Wait();

    /// <summary>Enters without blocking a thread: a completed task when the gate was free.</summary>
    /// <param name="cancellationToken">Ends the wait; the gate is then not entered.</param>
    public ValueTask EnterAsync(CancellationToken cancellationToken)
        => _semaphore.Wait(0, CancellationToken.None) ? default : new ValueTask(_semaphore.WaitAsync(cancellationToken));

    /// <summary>Leaves after <see cref="Enter"/> or a completed <see cref="EnterAsync"/>.</summary>
    public void Exit() => _semaphore.Release();
}
