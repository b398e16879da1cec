using System.ComponentModel;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// The store itself: reads see the latest committed state and each write member commits at once (a one-member
/// <see cref="WriteSet"/> through the <see cref="CommitPipeline"/>, or, for a table without write interceptors, one
/// engine call). What <c>store.Table</c> is bound to.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DirectContext : IReadContext, IWriteContext
{
    private readonly StoreRuntime _store;

    /// <summary>The context of <paramref name="store"/> itself.</summary>
    public DirectContext(StoreRuntime store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    StorageSnapshot? IReadContext.Snapshot => null;

    bool IWriteContext.CommitsEachWrite => true;

    WriteScope IWriteContext.BeginWrite(WriteDurability durability) => WriteScope.CommitOnComplete(_store, durability);
}
