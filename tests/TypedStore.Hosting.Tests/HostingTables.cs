namespace TypedStore.Hosting.Tests;

[Table("users")]
public sealed record HostedUser([property: Key] string UserId, string Name);

[Table("notes", Kind = TableKind.User)]
public sealed record HostedNote([property: Key] string UserId, [property: Key] long NoteId, string Text);

/// <summary>The store the hosting tests register: every table of this assembly.</summary>
[Store]
public partial class HostedStore { }

/// <summary>A second store type, to show that two stores in one container keep separate options.</summary>
[Store(typeof(HostedUser))]
public partial class OtherHostedStore { }
