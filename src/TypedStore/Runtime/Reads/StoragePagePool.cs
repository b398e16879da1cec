using TypedStore.Storage;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// One cached <see cref="StoragePage"/> per thread, for the async point reads of featured tables (a page of a row and
/// its marker per read), so a warmed read allocates no page. Like <see cref="Values.ValueBuffer.Rent"/>: a page in use
/// further up the stack (or across an await) makes the next rent a new page; a page that held a large value is not kept.
/// </summary>
internal static class StoragePagePool
{
    // A page that grew past this (a large row) is released rather than kept per thread.
    private const int RetainedBytesLimit = 64 * 1024;

    [ThreadStatic]
    private static StoragePage? t_cached;

    /// <summary>This thread's cached page (empty), or a new one.</summary>
    public static StoragePage Rent()
    {
        StoragePage? page = t_cached;
        if (page is null)
        {
            return new StoragePage();
        }

        t_cached = null;
        return page;
    }

    /// <summary>Empties <paramref name="page"/> and keeps it as this thread's cached page (or releases it).</summary>
    public static void Return(StoragePage page)
    {
        if (page.ByteCount > RetainedBytesLimit || t_cached is not null)
        {
            page.Dispose();
            return;
        }

        page.Clear();
        t_cached = page;
    }
}
