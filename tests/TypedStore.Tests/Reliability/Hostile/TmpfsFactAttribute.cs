namespace TypedStore.Tests.Reliability.Hostile;

/// <summary>A fact that needs a tmpfs mount; reported as skipped, with the reason, where none can be mounted.</summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
