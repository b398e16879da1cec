namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// The versions of table "items" the evolution tests compile. <see cref="V1"/> is the starting point; every
/// other version changes one thing about it.
/// </summary>
internal static class Versions
{
    private const string V1Render = "$\"{r.Id}|{r.Name}|{r.Count}|{r.Active}\"";
    private const string V1Write = "new Item(id, \"name-\" + id, id.Length, true)";

    public static readonly TableVersion V1 = new(
        nameof(V1),
        "public sealed record Item([property: Key] string Id, string Name, int Count, bool Active);",
        V1Write,
        "id",
        V1Render);

    /// <summary>Three members appended at the end: a new schema version.</summary>
    public static readonly TableVersion Appended = new(
        nameof(Appended),
        "public sealed record Item([property: Key] string Id, string Name, int Count, bool Active, string? Note, List<string>? Tags, int Rank);",
        "new Item(id, \"name-\" + id, id.Length, true, \"note-\" + id, [\"tag-\" + id], 7)",
        "id",
        "$\"{r.Id}|{r.Name}|{r.Count}|{r.Active}|{r.Note ?? \"<null>\"}|{(r.Tags is null ? \"<null>\" : string.Join(\",\", r.Tags))}|{r.Rank}\"");

    /// <summary>Only a nullable annotation changed: the same stored bytes, so the same schema.</summary>
    public static readonly TableVersion NullableName = new(
        nameof(NullableName),
        "public sealed record Item([property: Key] string Id, string? Name, int Count, bool Active);",
        V1Write,
        "id",
        V1Render);

    public static readonly TableVersion Removed = new(
        nameof(Removed),
        "public sealed record Item([property: Key] string Id, string Name, bool Active);",
        "new Item(id, \"name-\" + id, true)",
        "id",
        "$\"{r.Id}|{r.Name}|{r.Active}\"");

    public static readonly TableVersion Renamed = new(
        nameof(Renamed),
        "public sealed record Item([property: Key] string Id, string Name, int Quantity, bool Active);",
        V1Write,
        "id",
        "$\"{r.Id}|{r.Name}|{r.Quantity}|{r.Active}\"");

    public static readonly TableVersion Reordered = new(
        nameof(Reordered),
        "public sealed record Item([property: Key] string Id, int Count, string Name, bool Active);",
        "new Item(id, id.Length, \"name-\" + id, true)",
        "id",
        V1Render);

    public static readonly TableVersion Retyped = new(
        nameof(Retyped),
        "public sealed record Item([property: Key] string Id, string Name, long Count, bool Active);",
        V1Write,
        "id",
        V1Render);

    public static readonly TableVersion KeyRetyped = new(
        nameof(KeyRetyped),
        "public sealed record Item([property: Key] long Id, string Name, int Count, bool Active);",
        "new Item(id.Length, \"name-\" + id, id.Length, true)",
        "id.Length",
        V1Render);

    public static readonly TableVersion KeyPartAdded = new(
        nameof(KeyPartAdded),
        "public sealed record Item([property: Key] string Id, [property: Key] int Part, string Name, int Count, bool Active);",
        "new Item(id, 0, \"name-\" + id, id.Length, true)",
        "id, 0",
        V1Render);

    public static readonly TableVersion KeyDescending = new(
        nameof(KeyDescending),
        "public sealed record Item([property: Key(Descending = true)] string Id, string Name, int Count, bool Active);",
        V1Write,
        "id",
        V1Render);

    /// <summary>A member turned into a key part: both the key and the members change; the key is reported.</summary>
    public static readonly TableVersion MemberIntoKey = new(
        nameof(MemberIntoKey),
        "public sealed record Item([property: Key] string Id, [property: Key] string Name, int Count, bool Active);",
        V1Write,
        "id, \"name-\" + id",
        V1Render);

    private const string NestedRender = "$\"{r.Id}|{r.Name}|{r.Home.City}|{r.Home.Zip}\"";

    /// <summary>The starting point of the nested-type cases: rows hold an <c>Address</c> record.</summary>
    public static readonly TableVersion NestedV1 = new(
        nameof(NestedV1),
        "public sealed record Item([property: Key] string Id, string Name, Address Home);\npublic sealed record Address(string City, string Zip);",
        "new Item(id, \"name-\" + id, new Address(\"city-\" + id, \"zip-\" + id))",
        "id",
        NestedRender);

    /// <summary>A member appended to the nested record: a new schema version.</summary>
    public static readonly TableVersion NestedAppended = new(
        nameof(NestedAppended),
        "public sealed record Item([property: Key] string Id, string Name, Address Home);\npublic sealed record Address(string City, string Zip, string? Country);",
        "new Item(id, \"name-\" + id, new Address(\"city-\" + id, \"zip-\" + id, \"country-\" + id))",
        "id",
        "$\"{r.Id}|{r.Name}|{r.Home.City}|{r.Home.Zip}|{r.Home.Country ?? \"<null>\"}\"");

    public static readonly TableVersion NestedRemoved = new(
        nameof(NestedRemoved),
        "public sealed record Item([property: Key] string Id, string Name, Address Home);\npublic sealed record Address(string City);",
        "new Item(id, \"name-\" + id, new Address(\"city-\" + id))",
        "id",
        "$\"{r.Id}|{r.Name}|{r.Home.City}\"");

    public static readonly TableVersion NestedRenamed = new(
        nameof(NestedRenamed),
        "public sealed record Item([property: Key] string Id, string Name, Address Home);\npublic sealed record Address(string City, string PostCode);",
        "new Item(id, \"name-\" + id, new Address(\"city-\" + id, \"zip-\" + id))",
        "id",
        "$\"{r.Id}|{r.Name}|{r.Home.City}|{r.Home.PostCode}\"");

    public static readonly TableVersion NestedRetyped = new(
        nameof(NestedRetyped),
        "public sealed record Item([property: Key] string Id, string Name, Address Home);\npublic sealed record Address(string City, int Zip);",
        "new Item(id, \"name-\" + id, new Address(\"city-\" + id, id.Length))",
        "id",
        NestedRender);

    public static TableVersion Named(string name) => name switch
    {
        nameof(NestedRemoved) => NestedRemoved,
        nameof(NestedRenamed) => NestedRenamed,
        nameof(NestedRetyped) => NestedRetyped,
        nameof(Removed) => Removed,
        nameof(Renamed) => Renamed,
        nameof(Reordered) => Reordered,
        nameof(Retyped) => Retyped,
        nameof(KeyRetyped) => KeyRetyped,
        nameof(KeyPartAdded) => KeyPartAdded,
        nameof(KeyDescending) => KeyDescending,
        nameof(MemberIntoKey) => MemberIntoKey,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such version."),
    };
}
