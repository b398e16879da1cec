namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// The model of one key of a soft-delete table: the row last put (if any, kept under a deletion marker too), when
/// it was put, and when it was marked deleted (a marker can exist without a row: a delete of an absent key).
/// </summary>
internal sealed record DraftState(Draft? Row, long UpdatedTicks, long? DeletedTicks)
{
    public bool IsLive => Row is not null && DeletedTicks is null;
}
