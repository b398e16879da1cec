namespace TypedStore.Generators.Model;

/// <summary>One indexed member.</summary>
/// <param name="MemberName">The row's member (escaped identifier).</param>
/// <param name="ParameterName">The parameter name of Scan/Count/Get (camelCase, escaped).</param>
/// <param name="TypeName">The parameter type, fully qualified, with '?' when the member is nullable.</param>
/// <param name="Encoding">The KeyWriter method suffix (String, Int32, Guid, ...).</param>
/// <param name="EnumUnderlyingType">For enums, the integer type written.</param>
/// <param name="HasPresenceByte">Whether the part can be null (nullable value types; every string and byte[]): a presence byte precedes it.</param>
/// <param name="IsNullableValueType">Whether the member is a <c>Nullable&lt;T&gt;</c> (its value is read with <c>.Value</c>).</param>
internal sealed record IndexPartModel(
    string MemberName,
    string ParameterName,
    string TypeName,
    string Encoding,
    string? EnumUnderlyingType,
    bool HasPresenceByte,
    bool IsNullableValueType);
