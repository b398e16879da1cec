using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The members of Stream tables (runtime: <c>Features/Streams</c>): EvictExpired, on the store itself (it is the
/// background job's work, run on demand). A stream's Append is a generated-id member (TableEmitter.GeneratedIds.cs).
/// </content>
internal sealed partial class TableEmitter
{
    // A stream without a TTL has no eviction job: nothing ever expires, so there is nothing to remove.
    private void EmitStreamWrites()
    {
        TableModel table = _table;
        if (!table.IsStreamTable)
        {
            return;
        }

        _w.Line();
        _w.Summary(table.HasTimeOrderedKey
            ? "Removes the rows older than TtlSeconds with range deletes on the time-ordered key. Reads never return them, evicted or not."
            : "Removes the rows older than TtlSeconds (by <c>_updated</c>; every row is read). Reads never return them, evicted or not.");
        StoreMember("void", "EvictExpired", string.Empty, "table.Core.Eviction?.EvictExpired()");
    }
}
