using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Transactions;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// A batch's conditional writes at <see cref="CommitAsync"/>: the same attempts as <c>CommitConditionally</c>, with each
/// conditional write decided by the transaction's async reads (its snapshot taken with <c>CreateSnapshotAsync</c>), the
/// optimistic commit awaited (<c>TryCommitAsync</c>) and the back-off between attempts awaited, so on an async engine
/// nothing blocks a thread. While it runs the batch refuses its own members and commits (the transaction deciding the
/// conditional writes records into it directly).
/// </content>
public sealed partial class StoreBatchRuntime
{
    // Set while an async conditional commit decides and commits (it crosses awaits).
    private bool _deciding;

    /// <summary>Begins a member recorded through the batch's own tables (<c>BatchContext</c>): refused while an async commit is deciding.</summary>
    internal WriteScope BeginBatchMember(WriteDurability durability)
    {
        ThrowIfDeciding();
        return BeginMember(durability);
    }

    private void ThrowIfDeciding()
    {
        if (_deciding)
        {
            throw new InvalidOperationException("The batch is being committed (its CommitAsync has not completed); await it, then create a new batch for more writes.");
        }
    }

    private async ValueTask CommitConditionallyAsync(CancellationToken cancellationToken)
    {
        WriteSet writes = Writes;
        List<BatchConditional> conditionals = _conditionals!;

        // Everything after this point is the conditional writes of one attempt.
        WriteSetSavePoint unconditional = writes.SetSavePoint();
        int attempts = _store.Options.MaxTransactionAttempts;
        _deciding = true;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                bool committed = false;
                try
                {
                    using (StoreTransactionRuntime transaction = new(_store, this))
                    {
                        foreach (BatchConditional conditional in conditionals)
                        {
                            await conditional.DecideAsync(transaction.Context, cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    committed = true;
                }
                catch (TransactionConflictException) when (attempt < attempts)
                {
                }
                catch (TransactionConflictException)
                {
                    throw ConditionalConflict(attempts);
                }
                finally
                {
                    if (!committed && _writes is not null)
                    {
                        // A conflict, a refusal or a cancellation: the batch is as it was before CommitAsync.
                        writes.RollbackTo(unconditional);
                        NoteRollback();
                    }
                }

                if (committed)
                {
                    foreach (BatchConditional conditional in conditionals)
                    {
                        conditional.Publish();
                    }

                    return;
                }

                await TransactionBackOff.WaitAsync(attempt, System.Diagnostics.Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _deciding = false;
        }
    }
}
