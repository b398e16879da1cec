namespace TypedStore.Generators.Model;

/// <summary>A stored member of a row or nested type.</summary>
/// <param name="Name">The member's name, spelled as a C# identifier (<c>@class</c> for a member named <c>class</c>).</param>
/// <param name="Type">How the member's value is formatted.</param>
/// <param name="SchemaTypeName">The member's type as the table's schema spells it (<see cref="Parsing.Naming.SchemaType"/>).</param>
internal sealed record MemberModel(string Name, ValueTypeModel Type, string SchemaTypeName);
