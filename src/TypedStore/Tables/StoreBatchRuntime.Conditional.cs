using TypedStore.Runtime.Transactions;
using TypedStore.Runtime.Writes;

namespace TypedStore.Tables;

/// <content>
/// Conditional writes in a batch (<c>batch.T.TryAdd</c>, <c>batch.T.Update</c>; docs/transactions.md, "Conditional
/// writes in a batch"). They are kept, not recorded, until <see cref="Commit"/>, which then commits the batch as a
/// transaction: over a new snapshot, each conditional write is decided in the order it was recorded, reading the rows
/// with the batch's unconditional writes (every other member, wherever it was recorded) and the earlier conditional
/// writes laid over them; then the whole batch commits optimistically, so a key one of them read cannot have been
/// changed by another writer in between. A conflict takes back the conditional writes and decides them again over a
/// new snapshot, up to <see cref="StoreOptions.MaxTransactionAttempts"/>, then <see cref="TransactionConflictException"/>.
/// A batch without conditional writes commits exactly as before (one engine write, no snapshot, no validation).
/// </content>
public sealed partial class StoreBatchRuntime
{
    // The conditional writes, in record order; null until the first.
    private List<BatchConditional>? _conditionals;

    /// <summary>Keeps a conditional write, decided at <see cref="Commit"/>.</summary>
    internal void AddConditional(BatchConditional conditional)
    {
        _ = Writes;
        ThrowIfMemberOpen();
        ThrowIfDeciding();
        (_conditionals ??= []).Add(conditional);
    }

    private static TransactionConflictException ConditionalConflict(int attempts)
        => new($"The batch's conditional writes met a conflict on each of its {attempts} attempt(s) (StoreOptions.MaxTransactionAttempts) and the batch was not committed: another writer kept committing keys they read or the batch wrote. Nothing of the batch was written.")
        {
            Attempts = attempts,
        };

    private void CommitConditionally()
    {
        WriteSet writes = Writes;
        List<BatchConditional> conditionals = _conditionals!;

        // Everything after this point is the conditional writes of one attempt.
        WriteSetSavePoint unconditional = writes.SetSavePoint();
        int attempts = _store.Options.MaxTransactionAttempts;
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
                        conditional.Decide(transaction.Context);
                    }

                    transaction.Commit();
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
                    // A conflict or a refusal (a unique violation, a change that throws): the batch is as it was before Commit.
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

            TransactionBackOff.Wait(attempt, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
