using System.ComponentModel;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// Runs a transaction body with retries: each attempt gets a new transaction (a new snapshot), the body runs, the
/// transaction commits; a conflict starts the next attempt after a short randomized back-off, up to
/// <see cref="StoreOptions.MaxTransactionAttempts"/>, then <see cref="TransactionConflictException"/>. Any other
/// exception ends the run at once, with nothing written. What the generated <c>Transact</c> and <c>TransactAsync</c>
/// call.
/// </summary>
/// <remarks>
/// A body runs inside a transaction; starting another transaction of the same store inside it (Transact, TransactAsync,
/// BeginTransaction, the store's TryAdd and Update) is refused with <see cref="InvalidOperationException"/>: it would
/// commit on its own, outside the transaction the code is in, which is never what was meant. The marker is an
/// <see cref="AsyncLocal{T}"/>, which follows the body across awaits and threads; nothing is thread-static.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TransactionRunner
{
    private static readonly AsyncLocal<StoreRuntime?> s_running = new();

    /// <summary>Begins a transaction by hand (BeginTransaction): refused inside a transaction body of the same store.</summary>
    public static StoreTransactionRuntime Begin(StoreRuntime store)
    {
        ArgumentNullException.ThrowIfNull(store);
        ThrowIfNested(store);
        return new StoreTransactionRuntime(store);
    }

    /// <summary>Runs <paramref name="body"/> in a transaction, retried on conflict; returns what it returns.</summary>
    public static TResult Run<TTransaction, TResult>(StoreRuntime store, Func<StoreTransactionRuntime, TTransaction> wrap, Func<TTransaction, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(wrap);
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfNested(store);
        int attempts = store.Options.MaxTransactionAttempts;
        for (int attempt = 1; ; attempt++)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            StoreRuntime? outer = s_running.Value;
            s_running.Value = store;
            try
            {
                using StoreTransactionRuntime transaction = new(store);
                TResult result = body(wrap(transaction));
                if (!transaction.IsCommitted)
                {
                    transaction.Commit();
                }

                return result;
            }
            catch (TransactionConflictException) when (attempt < attempts)
            {
            }
            catch (TransactionConflictException exception)
            {
                throw GaveUp(attempts, exception);
            }
            finally
            {
                s_running.Value = outer;
            }

            TransactionBackOff.Wait(attempt, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Runs <paramref name="body"/> in a transaction, retried on conflict, across awaits; returns what it returns.</summary>
    public static async Task<TResult> RunAsync<TTransaction, TResult>(
        StoreRuntime store, Func<StoreTransactionRuntime, TTransaction> wrap, Func<TTransaction, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(wrap);
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfNested(store);

        // Set inside this async method: the value flows into the body and is gone for the caller when this returns.
        s_running.Value = store;
        int attempts = store.Options.MaxTransactionAttempts;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                using StoreTransactionRuntime transaction = new(store);
                TResult result = await body(wrap(transaction), cancellationToken).ConfigureAwait(false);
                if (!transaction.IsCommitted)
                {
                    // Awaited: on a network engine the commit blocks no thread; on RocksDB and memory it is complete at once.
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch (TransactionConflictException) when (attempt < attempts)
            {
            }
            catch (TransactionConflictException exception)
            {
                throw GaveUp(attempts, exception);
            }

            await TransactionBackOff.WaitAsync(attempt, System.Diagnostics.Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            await Task.Yield();
        }
    }

    private static void ThrowIfNested(StoreRuntime store)
    {
        if (ReferenceEquals(s_running.Value, store))
        {
            throw new InvalidOperationException(
                "A transaction of this store is already running in this flow (inside a Transact or TransactAsync body): a second one would commit on its own, outside it. Use the transaction you were given (tx.Table.TryAdd, tx.Table.Update, tx.Table.Put ...).");
        }
    }

    private static TransactionConflictException GaveUp(int attempts, TransactionConflictException last)
        => new($"The transaction met a conflict on each of its {attempts} attempt(s) (StoreOptions.MaxTransactionAttempts) and was not committed: another writer kept committing keys it read or wrote. Nothing of it was written.")
        {
            Attempts = attempts,
            Table = last.Table,
        };
}
