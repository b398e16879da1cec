using TypedStore.Catalog;

namespace TypedStore.Features.Streams;

/// <summary>
/// Keeps a stream table's time-ordered ids above every id handed out before, across deletes, restarts and clock
/// steps. The largest <em>stored</em> id is not enough: the newest rows may have been deleted (or were in a batch
/// never committed), and with the clock set back the generator handed their ids out again.
/// </summary>
/// <remarks>
/// <para>
/// The mark is kept in the catalog's <c>__sequences</c> as an <see cref="IdSequence"/> named
/// <see cref="SequenceName"/>, counting <em>milliseconds</em> of id time rather than ids: "every id of a
/// millisecond up to the reserved one may have been handed out". Before an id of a millisecond beyond the
/// reservation is handed out, <see cref="IdSequence.AdvancePast"/> reserves the next
/// <see cref="IdSequence.BlockSize"/> milliseconds (one second) with a synced catalog write, so a crash can never
/// lose the mark of an id that a row or a caller has. Appends within the reserved second cost one volatile read.
/// </para>
/// <para>
/// On the first Append of a session the reservation's next free millisecond is taken (<see cref="IdSequence.Next"/>),
/// and ids start at its first id. A restart thus skips what was left of the reserved second: right after a quick
/// restart ids run up to one second ahead of the clock, so those rows age (TTL) up to a second late.
/// Ids before 1970 (a negative millisecond) are not reserved.
/// </para>
/// </remarks>
internal static class TimeOrderedIdReservation
{
    /// <summary>
    /// The name of <paramref name="table"/>'s reservation in <c>__sequences</c>. Table names cannot contain
    /// <c>#</c>, so it never collides with a table's own id sequence.
    /// </summary>
    public static string SequenceName(string table) => table + "#time-ordered-ms";

    /// <summary>
    /// Takes the first millisecond no earlier session handed an id out in, and returns the id just below its first
    /// id: the generator starts above it.
    /// </summary>
    public static long LastIdBeforeUnreserved(IdSequence reservation) => TimeOrderedId.FirstOf(reservation.Next()) - 1;

    /// <summary>Makes the reservation cover <paramref name="id"/> (durably) before it is handed out.</summary>
    public static void Cover(IdSequence reservation, long id) => reservation.AdvancePast(TimeOrderedId.MillisecondsOf(id));

    /// <summary>The async form of <see cref="Cover"/>: a new mark, when one is needed, is written with the catalog's async write.</summary>
    public static ValueTask CoverAsync(IdSequence reservation, long id, CancellationToken cancellationToken)
        => reservation.AdvancePastAsync(TimeOrderedId.MillisecondsOf(id), cancellationToken);
}
