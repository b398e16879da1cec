using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedStore.Generators.Parsing;

/// <summary>Names the generator derives: property names from table names, parameter names from members.</summary>
internal static class Naming
{
    public const int MaxTableNameLength = 64;

    /// <summary>The fully qualified, nullable-annotated form used everywhere in generated code.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The same as <see cref="FullyQualified"/> without nullable annotations.</summary>
    public static readonly SymbolDisplayFormat FullyQualifiedWithoutAnnotations = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>
    /// How a type is spelled in a table's schema (docs/schema-evolution.md): C# keywords for built-in types, full
    /// names without <c>global::</c>, <c>T?</c> for nullable value types, and no nullable reference annotations
    /// (<c>string?</c> and <c>string</c> store the same bytes, so switching between them is not a schema change).
    /// </summary>
    public static readonly SymbolDisplayFormat SchemaType = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// A member's or key part's type as the schema spells it (<see cref="SchemaType"/>); an enum also names its
    /// underlying type, because a key part's bytes depend on it: <c>Demo.Priority(byte)</c>.
    /// </summary>
    public static string ToSchemaTypeName(ITypeSymbol type)
    {
        string name = type.ToDisplayString(SchemaType);
        return type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
            ? $"{name}({underlying.ToDisplayString(SchemaType)})"
            : name;
    }

    /// <summary>"chat_rooms" → "ChatRooms"; "v2_items" → "V2Items".</summary>
    public static string ToPascalCase(string tableName)
    {
        StringBuilder builder = new(tableName.Length);
        bool upperNext = true;
        foreach (char c in tableName)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    // Names the generated accessors use for their own parameters and locals.
    private static readonly System.Collections.Generic.HashSet<string> s_reservedParameterNames = new(System.StringComparer.Ordinal)
    {
        "row", "rows", "reverse", "prefix", "entry", "writer", "reader", "key", "count", "table", "context",
    };

    /// <summary>A key part's parameter name: camelCase, never one of the accessors' own names ("row" → "rowKey").</summary>
    public static string ToKeyParameterName(string memberName)
    {
        string name = ToParameterName(memberName);
        return s_reservedParameterNames.Contains(name) ? name + "Key" : name;
    }

    /// <summary>A member name as generated code must spell it: "class" → "@class" (the symbol's name has no '@').</summary>
    public static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary><see cref="EscapeIdentifier"/> applied to every name.</summary>
    public static Model.EquatableArray<string> EscapeIdentifiers(System.Collections.Generic.List<string> names)
    {
        string[] escaped = new string[names.Count];
        for (int i = 0; i < escaped.Length; i++)
        {
            escaped[i] = EscapeIdentifier(names[i]);
        }

        return new Model.EquatableArray<string>(escaped);
    }

    /// <summary>"UserId" → "userId"; "Class" → "@class".</summary>
    public static string ToParameterName(string memberName)
    {
        string camel = memberName.Length == 0 ? memberName : char.ToLowerInvariant(memberName[0]) + memberName.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None
            ? "@" + camel
            : camel;
    }

    /// <summary>The assembly whose own tables are the store's catalog: only it may declare '__' table names.</summary>
    public const string CatalogAssemblyName = "TypedStore";

    /// <summary>
    /// The table naming rule (the runtime's TableNames.IsValid, duplicated for the analyzer); null when valid, else why not.
    /// <paramref name="allowCatalogNames"/> admits the reserved '__' prefix, for the catalog tables of TypedStore itself.
    /// </summary>
    public static string? GetTableNameError(string? name, bool allowCatalogNames = false)
    {
        if (name is null || name.Length == 0)
        {
            return "it is empty";
        }

        if (name.StartsWith("__", System.StringComparison.Ordinal))
        {
            if (!allowCatalogNames)
            {
                return "names starting with '__' are reserved for the store's catalog";
            }

            // A catalog name is the reserved prefix followed by an ordinary table name.
            return name.Length <= MaxTableNameLength && GetTableNameError(name.Substring(2)) is null
                ? null
                : "a catalog table name is '__' followed by a valid table name, at most " + MaxTableNameLength + " characters in all";
        }

        if (name == "default")
        {
            return "'default' is reserved for the storage engine's default column family";
        }

        if (name.Length > MaxTableNameLength)
        {
            return $"it is longer than {MaxTableNameLength} characters";
        }

        if (name[0] < 'a' || name[0] > 'z')
        {
            return "it must start with a lower-case ASCII letter ([a-z][a-z0-9_]*)";
        }

        foreach (char c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            {
                return "use only lower-case ASCII letters, digits and '_' ([a-z][a-z0-9_]*)";
            }
        }

        return null;
    }

    /// <summary>A readable identifier for a type, for formatter method names: "Address", "Pair_Int32_String".</summary>
    public static string ToIdentifier(ITypeSymbol type)
    {
        StringBuilder builder = new();
        Append(builder, type);
        return builder.ToString();

        static void Append(StringBuilder builder, ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                Append(builder, array.ElementType);
                builder.Append("Array");
                return;
            }

            builder.Append(type.MetadataName.Split('`')[0]);
            if (type is INamedTypeSymbol { IsGenericType: true } named)
            {
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    builder.Append('_');
                    Append(builder, argument);
                }
            }
        }
    }
}
