using System.Runtime.CompilerServices;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// A generated store whose <c>ScanAll()</c> enumerators were started and dropped without disposing, thousands of
/// times, then collected by the GC but not finalized (the finalizer thread is held): <c>Dispose()</c> must close the
/// database anyway, so the path reopens at once and, with <c>DisableWal</c>, every row written before Dispose is there
/// (the close flushed it). Nothing may depend on the finalizer thread getting to the enumerators.
/// </summary>
public sealed class ForgottenEnumeratorTests : IDisposable
{
    private const int RowCount = 5_000;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Dispose_WithDroppedEnumeratorsAwaitingFinalization_ClosesTheStore_AndKeepsEveryWalOffRow()
    {
        string path = _directory.Sub("store");
        var options = new StoreOptions { DisableWal = true };
        ReliabilityStore store = ReliabilityStore.Open(path, options);
        store.Accounts.PutMany(Enumerable.Range(0, RowCount).Select(i => new Account($"a{i:D5}", i, null)));

        using (FinalizerThreadBlocker.Block())
        {
            StartAndDropEnumerators(store, 3_000);
            GC.Collect();

            store.Dispose();

            // Before the fix: StoreLockedException (the dropped enumerators' iterators still held the database open).
            using ReliabilityStore reopened = ReliabilityStore.Open(path, options);
            Assert.Equal(RowCount, reopened.Accounts.Count());
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartAndDropEnumerators(ReliabilityStore store, int count)
    {
        for (int i = 0; i < count; i++)
        {
            IEnumerator<Account> enumerator = store.Accounts.ScanAll(reverse: (i & 1) == 1).GetEnumerator();
            enumerator.MoveNext();
        }
    }
}
