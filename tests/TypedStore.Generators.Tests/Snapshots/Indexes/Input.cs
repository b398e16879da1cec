// Indexes: a two-part index (nullable string, enum) and a unique one on a Shared table, per-user indexes on a User table with soft delete, a unique nullable-int index on a struct row.
using System;
using System.Collections.Generic;
using TypedStore;

namespace Samples.Tracker;

/// <summary>An issue's state.</summary>
public enum IssueStatus : byte
{
    /// <summary>Being worked on.</summary>
    Open,

    /// <summary>Done.</summary>
    Closed,
}

/// <summary>An issue, found by assignee and state, or by its unique slug.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Number">The issue's number in the project.</param>
/// <param name="Slug">The unique short name.</param>
/// <param name="Assignee">Who works on it, if anyone.</param>
/// <param name="Status">Its state.</param>
/// <param name="Title">Its title.</param>
[Table("issues")]
[Index("by_assignee", nameof(Assignee), nameof(Status))]
[Index("by_slug", nameof(Slug), Unique = true)]
public sealed record Issue([property: Key] string ProjectId, [property: Key] int Number, string Slug, string? Assignee, IssueStatus Status, string Title);

/// <summary>A user's contact; phones are unique per user.</summary>
/// <param name="UserId">The owning user.</param>
/// <param name="ContactId">The contact's id.</param>
/// <param name="Phone">The phone number.</param>
/// <param name="Birthday">The birthday, if known.</param>
[Table("contacts", Kind = TableKind.User, SoftDelete = true)]
[Index("by_phone", nameof(Phone), Unique = true)]
[Index("by_birthday", nameof(Birthday))]
public sealed record Contact([property: Key] Guid UserId, [property: Key] int ContactId, string Phone, DateTime? Birthday);

/// <summary>A seat, a struct row, with an optional unique badge.</summary>
/// <param name="Id">The seat.</param>
/// <param name="Badge">The badge holding it, if any.</param>
[Table("seats")]
[Index("by_badge", nameof(Badge), Unique = true)]
public readonly record struct Seat([property: Key] int Id, int? Badge);

/// <summary>The tracker's store.</summary>
[Store]
public partial class TrackerStore;
