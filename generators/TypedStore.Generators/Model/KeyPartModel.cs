namespace TypedStore.Generators.Model;

/// <summary>One key part of a table.</summary>
/// <param name="MemberName">The row member holding the part, spelled as a C# identifier (<c>@class</c> for a member named <c>class</c>).</param>
/// <param name="ParameterName">The camelCase parameter name used by the generated accessors (escaped when a keyword).</param>
/// <param name="TypeName">The part's type, fully qualified.</param>
/// <param name="Encoding">The KeyWriter/KeyReader method suffix: String, Bytes, Int32, Guid, ...</param>
/// <param name="EnumUnderlyingType">For enums, the underlying integer keyword the part is cast to; otherwise <see langword="null"/>.</param>
/// <param name="Descending">Whether the part sorts descending.</param>
/// <param name="Generated">Whether the store assigns the part on Insert.</param>
/// <param name="SchemaTypeName">The part's type as the table's schema spells it (<see cref="Parsing.Naming.SchemaType"/>).</param>
internal sealed record KeyPartModel(
    string MemberName,
    string ParameterName,
    string TypeName,
    string Encoding,
    string? EnumUnderlyingType,
    bool Descending,
    bool Generated,
    string SchemaTypeName);
