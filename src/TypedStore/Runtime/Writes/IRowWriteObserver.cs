namespace TypedStore.Runtime.Writes;

/// <summary>
/// A feature that takes what it needs from the row object while a put is recorded (an index: the row's entry prefixes),
/// so its commit step does not decode the encoded value again. What it records belongs to the write set (notes and
/// stashed bytes), so a save point takes it back with the op.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
internal interface IRowWriteObserver<in TRow>
{
    /// <summary>Called after the put of <paramref name="row"/> was recorded as op <paramref name="op"/> (and after the interceptors saw it).</summary>
    void OnPut(WriteSet writes, int op, TRow row);
}
