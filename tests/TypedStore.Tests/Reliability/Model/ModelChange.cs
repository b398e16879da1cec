namespace TypedStore.Tests.Reliability.Model;

/// <summary>One entry of the model's change feed: what the store's <c>ReadChanges</c> must return, in order.</summary>
internal sealed record ModelChange(ChangeKind Kind, long TimestampTicks, string UserId, int DraftId, Draft? Row)
{
    public override string ToString() => $"{Kind} {ModelVerifier.Show(UserId)}/{DraftId}{(Row is null ? "" : " " + Row.Body)}";
}
