namespace TypedStore.Generators.Model;

/// <summary>The formatting shape of one type used by a value member (recursively, for collections).</summary>
/// <param name="Kind">The kind of formatting.</param>
/// <param name="TypeName">The declared type, fully qualified, with its nullable annotations.</param>
/// <param name="IsReferenceType">Whether values can be null (then nil is written for null).</param>
/// <param name="IsAnnotatedNullable">Whether a reference type is declared nullable (<c>string?</c>), so reads need no <c>!</c>.</param>
/// <param name="Element">The element type of arrays, lists and sets, the value type of dictionaries, the underlying type of <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="DictionaryKey">The key type of dictionaries.</param>
/// <param name="CreationTypeName">For collections, the concrete type to create (<c>List&lt;T&gt;</c> for <c>IReadOnlyList&lt;T&gt;</c>), without outer annotation; for arrays, the element type.</param>
/// <param name="EnumUnderlyingType">For enums, the underlying integer keyword.</param>
/// <param name="ObjectTypeName">For nested objects, the key of their <see cref="ObjectTypeModel"/>.</param>
internal sealed record ValueTypeModel(
    ValueKind Kind,
    string TypeName,
    bool IsReferenceType,
    bool IsAnnotatedNullable,
    ValueTypeModel? Element,
    ValueTypeModel? DictionaryKey,
    string? CreationTypeName,
    string? EnumUnderlyingType,
    string? ObjectTypeName);
