namespace TypedStore.Runtime.Writes;

/// <summary>
/// Something an interceptor noted at record time for its commit step (the change feed: "op N is a change of this
/// table, with this user prefix"). Notes live in the write set, so a save point takes them back with their ops.
/// </summary>
/// <param name="Step">The commit step the note is for; it reads only its own notes.</param>
/// <param name="State">The step's per-table state (e.g. the table's place in the change log).</param>
/// <param name="Op">The op noted.</param>
/// <param name="Value">A number the step needs (e.g. the user prefix length).</param>
internal readonly record struct WriteNote(ICommitStep Step, object State, int Op, int Value);
