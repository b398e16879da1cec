using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Parsing;

/// <summary>Maps a key part's type to its KeyWriter/KeyReader encoding (docs/key-encoding.md).</summary>
internal static class KeyTypeParser
{
    /// <summary>Whether the type is declared nullable (<c>int?</c>, or <c>string?</c> in an enabled context).</summary>
    public static bool IsNullable(ITypeSymbol type)
        => type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);

    /// <summary>
    /// The KeyWriter method suffix for <paramref name="type"/> (String, Bytes, Int32, Guid, ...), or
    /// <see langword="null"/> when it cannot be a key part. For enums, <paramref name="enumUnderlyingType"/>
    /// is the integer keyword the generated code casts to.
    /// </summary>
    public static string? GetEncoding(ITypeSymbol type, KnownTypes known, out string? enumUnderlyingType)
    {
        enumUnderlyingType = null;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            enumUnderlyingType = underlying.ToDisplayString();
            return GetSpecialEncoding(underlying.SpecialType);
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return "Bytes";
        }

        string? special = GetSpecialEncoding(type.SpecialType);
        if (special is not null)
        {
            return special;
        }

        if (KnownTypes.Is(type, known.Guid))
        {
            return "Guid";
        }

        if (KnownTypes.Is(type, known.DateTimeOffset))
        {
            return "DateTimeOffset";
        }

        if (KnownTypes.Is(type, known.DateOnly))
        {
            return "DateOnly";
        }

        return KnownTypes.Is(type, known.TimeSpan) ? "TimeSpan" : null;
    }

    /// <summary>Whether an encoding can identify a user (TS0008): string, Guid or an integer (not an enum).</summary>
    public static bool IsUserIdEncoding(string encoding, string? enumUnderlyingType)
        => enumUnderlyingType is null && encoding is "String" or "Guid" or "Byte" or "SByte" or "Int16" or "UInt16" or "Int32" or "UInt32" or "Int64" or "UInt64";

    private static string? GetSpecialEncoding(SpecialType specialType) => specialType switch
    {
        SpecialType.System_String => "String",
        SpecialType.System_Boolean => "Boolean",
        SpecialType.System_Byte => "Byte",
        SpecialType.System_SByte => "SByte",
        SpecialType.System_Int16 => "Int16",
        SpecialType.System_UInt16 => "UInt16",
        SpecialType.System_Int32 => "Int32",
        SpecialType.System_UInt32 => "UInt32",
        SpecialType.System_Int64 => "Int64",
        SpecialType.System_UInt64 => "UInt64",
        SpecialType.System_Single => "Single",
        SpecialType.System_Double => "Double",
        SpecialType.System_DateTime => "DateTime",
        _ => null,
    };
}
