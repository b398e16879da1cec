namespace TypedStore.Tests.Time;

/// <summary>
/// Sets this process's local time zone (<see cref="TimeZoneInfo.Local"/>) for the length of a test: the TZ variable,
/// which .NET reads on Linux, and <see cref="TimeZoneInfo.ClearCachedData"/>. Every test that changes it is in the
/// <see cref="MachineTimeZoneCollection"/>, which xunit runs alone, after every parallel test has finished, so no
/// other test sees the change.
/// </summary>
internal sealed class MachineTimeZone : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("TZ");

    private MachineTimeZone(string id)
    {
        Environment.SetEnvironmentVariable("TZ", id);
        TimeZoneInfo.ClearCachedData();
        if (TimeZoneInfo.Local.Id != id)
        {
            Dispose();
            throw new InvalidOperationException($"Could not set the local time zone to {id} (got {TimeZoneInfo.Local.Id}).");
        }
    }

    public static MachineTimeZone Set(string id) => new(id);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
    }
}

/// <summary>Tests that change the process's local time zone: run alone (see <see cref="MachineTimeZone"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MachineTimeZoneCollection
{
    public const string Name = "Machine time zone";
}
