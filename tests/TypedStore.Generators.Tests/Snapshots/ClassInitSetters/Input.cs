// A class row set by init and set accessors (no constructor parameters), with a required member.
using TypedStore;

namespace Samples.Settings;

/// <summary>One setting.</summary>
[Table("settings")]
public sealed class Setting
{
    /// <summary>The setting's name.</summary>
    [Key]
    public required string Name { get; init; }

    /// <summary>The setting's value.</summary>
    public string Value { get; init; } = "";

    /// <summary>Incremented on every change.</summary>
    public int Version { get; set; }
}

/// <summary>The settings store.</summary>
[Store]
public partial class SettingsStore;
