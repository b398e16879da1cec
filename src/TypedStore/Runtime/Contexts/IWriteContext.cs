using System.ComponentModel;
using TypedStore.Storage;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A context that writes. Every write member runs the same three steps in every context: begin a
/// <see cref="WriteScope"/>, record into its write set, complete it. What completing means is the context's: the store
/// commits at once, a batch keeps the member's writes for its own commit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWriteContext : ITableContext
{
    /// <summary>
    /// Whether each write member commits on its own (the store itself): then a table without write interceptors may
    /// skip the write set and write its one row with one engine call. A constant per context, so the JIT folds the test.
    /// </summary>
    internal bool CommitsEachWrite { get; }

    /// <summary>
    /// Begins one write member's writes. Use with <see langword="using"/>; call <see cref="WriteScope.Complete"/> after
    /// the last record. Leaving the scope without completing (an exception) takes back everything the member recorded.
    /// </summary>
    /// <param name="durability">What the commit must guarantee for these writes (System tables: synced).</param>
    internal WriteScope BeginWrite(WriteDurability durability);
}
