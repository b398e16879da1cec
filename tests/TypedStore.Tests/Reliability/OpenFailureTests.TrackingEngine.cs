using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Reliability;

/// <summary>An engine decorator that records whether the store that owned it disposed it.</summary>
internal sealed class DisposalTrackingEngine(StorageEngine inner) : ForwardingStorageEngine(inner)
{
    public bool IsDisposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
