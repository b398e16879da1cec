namespace TypedStore.Tests.Reliability.Hostile;

/// <summary>A fact about directory permissions, which root bypasses; skipped (with the reason) when run as root.</summary>
internal sealed class NonRootFactAttribute : FactAttribute
{
    public NonRootFactAttribute()
    {
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            Skip = "root ignores directory permissions (the read-only file system test covers read-only storage for root)";
        }
    }
}
