using TypedStore.Runtime.Writes;
using TypedStore.Storage.Overlay;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// A feature whose commit step writes entries it derives from rows into column families of its own (an index: its
/// entries). A transaction's reads see those entries for the transaction's own pending writes because its view
/// (<see cref="TransactionView"/>) lays each recorded op over its snapshot between two calls: <see cref="BeforeOp"/> takes
/// the entries of the rows the op changes off the view, <see cref="AfterOp"/> lays the entries of their new state on it.
/// </summary>
/// <remarks>
/// The entries laid over the view are what the commit step will write (it derives them the same way, from the rows'
/// values at commit), so index reads in a transaction merge its own writes in index order, and rows it replaced or
/// deleted lose their old entries at once. Reads inside these calls use the view as it stands
/// (<see cref="OverlaySnapshot.TryGetCurrent"/>): they are not the transaction's reads and are not validated.
/// </remarks>
internal interface IDerivedEntries
{
    /// <summary>Takes the entries of the rows op <paramref name="op"/> changes, as the view holds them now, off the view.</summary>
    void BeforeOp(OverlaySnapshot view, WriteSet writes, int op);

    /// <summary>
    /// Before an async read, reads ahead (<see cref="OverlaySnapshot.PrefetchAsync"/>, with the engine's async members at
    /// the view's snapshot) what <see cref="BeforeOp"/> and <see cref="AfterOp"/> of this table's ops in
    /// [<paramref name="from"/>, <paramref name="to"/>) would read from the snapshot, so laying them reads nothing from
    /// the engine synchronously. Takes the view's snapshot when no read took it yet, as the synchronous calls would.
    /// </summary>
    ValueTask PrefetchAsync(OverlaySnapshot view, WriteSet writes, int from, int to, CancellationToken cancellationToken);

    /// <summary>Lays the entries of the rows op <paramref name="op"/> changed, in their new state, on the view.</summary>
    void AfterOp(OverlaySnapshot view, WriteSet writes, int op);
}
