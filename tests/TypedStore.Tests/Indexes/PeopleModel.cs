using TypedStore;

namespace TypedStore.Tests.Indexes;

/// <summary>Version 1 of table "people": no index.</summary>
[Table("people")]
public sealed record PersonV1([property: Key] int Id, string Email, string City);

/// <summary>Version 2: a unique index and a plain one added.</summary>
[Table("people")]
[Index("by_email", nameof(Email), Unique = true)]
[Index("by_city", nameof(City))]
public sealed record PersonV2([property: Key] int Id, string Email, string City);

/// <summary>Version 3: the unique index removed again.</summary>
[Table("people")]
[Index("by_city", nameof(City))]
public sealed record PersonV3([property: Key] int Id, string Email, string City);

[Store(typeof(PersonV1))]
public sealed partial class PeopleV1Store;

[Store(typeof(PersonV2))]
public sealed partial class PeopleV2Store;

[Store(typeof(PersonV3))]
public sealed partial class PeopleV3Store;
