using TypedStore;

namespace TypedStore.Tool.Tests;

/// <summary>A nested record: a member of <see cref="Person"/>, decoded by the tool from the schema's object types.</summary>
public sealed record Address(string City, string Zip);

/// <summary>Soft delete, a unique index, nested and collection members, every common scalar.</summary>
[Table("people", SoftDelete = true)]
[Index("by_email", nameof(Email), Unique = true)]
public sealed record Person(
    [property: Key] Guid Id,
    string Name,
    string Email,
    int Age,
    decimal Balance,
    Address Home,
    List<string> Tags,
    DateTime Born,
    DateOnly? Since,
    double Score);

/// <summary>A User table with a composite key: its keys start with the user id.</summary>
[Table("notes", Kind = TableKind.User)]
public sealed record Note([property: Key] string UserId, [property: Key] long NoteId, string Text, DateTimeOffset At, byte[] Blob, bool Pinned);

/// <summary>Generated ids: an import must carry the id sequence along.</summary>
[Table("tickets")]
public sealed record Ticket([property: Key(Generated = true)] long Id, string Title);

/// <summary>The sample store the tests build and the tool reads without this assembly.</summary>
[Store(typeof(Person), typeof(Note), typeof(Ticket))]
public sealed partial class SampleStore;

/// <summary>Table "notes" declared with another schema: an import of <see cref="Note"/> rows into it is refused.</summary>
[Table("notes", Kind = TableKind.User)]
public sealed record OtherNote([property: Key] string UserId, [property: Key] long NoteId, int Text);

/// <summary>A store whose "notes" table does not match <see cref="SampleStore"/>'s.</summary>
[Store(typeof(OtherNote))]
public sealed partial class OtherStore;
