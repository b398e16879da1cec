using TypedStore;

namespace TypedStore.Tests.Indexes;

/// <summary>An issue's state, an enum index part.</summary>
public enum IssueStatus : byte
{
    Open,
    Closed,
}

/// <summary>Design §12's example: a two-part index with a nullable first part, and a unique index.</summary>
[Table("issues")]
[Index("by_assignee", nameof(Assignee), nameof(Status))]
[Index("by_slug", nameof(Slug), Unique = true)]
public sealed record Issue([property: Key] string ProjectId, [property: Key] int Number, string Slug, string? Assignee, IssueStatus Status, string Title);

/// <summary>Soft delete with a unique nullable index and a nullable value-type index.</summary>
[Table("accounts", SoftDelete = true, ChangeFeed = true)]
[Index("by_email", nameof(Email), Unique = true)]
[Index("by_score", nameof(Score))]
public sealed record Account([property: Key] string Id, string? Email, int? Score);

/// <summary>A user table: every index is scoped to the user.</summary>
[Table("contacts", Kind = TableKind.User, SoftDelete = true)]
[Index("by_phone", nameof(Phone), Unique = true)]
[Index("by_city", nameof(City), nameof(Phone))]
public sealed record Contact([property: Key] string UserId, [property: Key] int ContactId, string Phone, string? City);

/// <summary>Generated ids with an index.</summary>
[Table("tasks")]
[Index("by_owner", nameof(Owner), nameof(Priority))]
public sealed record TaskItem([property: Key(Generated = true)] long Id, string Owner, int Priority);

/// <summary>A DateTime index part, which refuses an Unspecified time like a key part does.</summary>
[Table("meetings")]
[Index("by_start", nameof(Start))]
public sealed record Meeting([property: Key] int Id, DateTime Start);

/// <summary>A table without indexes beside them (the plain paths stay plain).</summary>
[Table("plain")]
public sealed record PlainRow([property: Key] string Id, string Value);

[Store(typeof(Issue), typeof(Account), typeof(Contact), typeof(TaskItem), typeof(Meeting), typeof(PlainRow))]
public sealed partial class IndexStore;
