using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// Turns the <c>[Index]</c> attributes of a table type into <see cref="IndexModel"/>s, or into the diagnostics
/// (TS0030–TS0036) explaining why one cannot be an index. Index parts are stored value members (not key parts) of a
/// type a key part may have, or its nullable form.
/// </summary>
internal static class IndexParser
{
    public const string IndexAttributeName = "TypedStore.IndexAttribute";

    // The bound table's own members: an index property may not take their names.
    private static readonly HashSet<string> s_reservedProperties = new(System.StringComparer.Ordinal) { "Core", "Context", "In" };

    public static EquatableArray<IndexModel> Parse(
        INamedTypeSymbol type,
        TypeShape shape,
        HashSet<string> keyNames,
        TableKindModel kind,
        KnownTypes known,
        string typeDisplay,
        LocationInfo? fallbackLocation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        INamedTypeSymbol? indexAttribute = known.Compilation.GetTypeByMetadataName(IndexAttributeName);
        if (indexAttribute is null)
        {
            return EquatableArray<IndexModel>.Empty;
        }

        Dictionary<string, ShapeMember> members = new(System.StringComparer.Ordinal);
        foreach (ShapeMember member in shape.Members)
        {
            members[member.Name] = member;
        }

        List<IndexModel> indexes = new();
        HashSet<string> names = new(System.StringComparer.Ordinal);
        HashSet<string> properties = new(System.StringComparer.Ordinal);
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!KnownTypes.Is(attribute.AttributeClass, indexAttribute))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? fallbackLocation;
            string? name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
            List<string?> listed = new();
            if (attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Kind == TypedConstantKind.Array)
            {
                foreach (TypedConstant value in attribute.ConstructorArguments[1].Values)
                {
                    listed.Add(value.Value as string);
                }
            }

            bool unique = false;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Unique" && argument.Value.Value is bool value)
                {
                    unique = value;
                }
            }

            int before = diagnostics.Count;
            string display = name ?? "(null)";
            if (Naming.GetTableNameError(name) is { } nameError)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIndexName, location, display, typeDisplay, nameError));
            }
            else if (s_reservedProperties.Contains(Naming.ToPascalCase(name!)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIndexName, location, display, typeDisplay,
                    $"its property '{Naming.ToPascalCase(name!)}' would hide a member of the generated table; choose another name (e.g. 'by_{name}')"));
            }
            else if (!names.Add(name!) | !properties.Add(Naming.ToPascalCase(name!)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateIndexName, location, typeDisplay, display, Naming.ToPascalCase(name!)));
            }

            if (kind == TableKindModel.Stream)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IndexOnStreamTable, location, typeDisplay, display));
            }

            if (listed.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyIndex, location, display, typeDisplay));
            }

            List<IndexPartModel> parts = new();
            HashSet<string> seen = new(System.StringComparer.Ordinal);
            foreach (string? memberName in listed)
            {
                if (memberName is null || !members.TryGetValue(memberName, out ShapeMember? member))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownIndexMember, location, display, typeDisplay, memberName ?? "(null)"));
                    continue;
                }

                if (!seen.Add(memberName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IndexMemberListedTwice, location, display, typeDisplay, memberName));
                    continue;
                }

                if (ParsePart(member, keyNames, known, out string? reason) is { } part)
                {
                    parts.Add(part);
                }
                else
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedIndexMember, location, display, typeDisplay, memberName, member.Type.ToDisplayString(), reason!));
                }
            }

            if (diagnostics.Count == before)
            {
                indexes.Add(new IndexModel(name!, Naming.ToPascalCase(name!), unique, new EquatableArray<IndexPartModel>(parts.ToArray())));
            }
        }

        return indexes.Count == 0 ? EquatableArray<IndexModel>.Empty : new EquatableArray<IndexModel>(indexes.ToArray());
    }

    private static IndexPartModel? ParsePart(ShapeMember member, HashSet<string> keyNames, KnownTypes known, out string? reason)
    {
        if (keyNames.Contains(member.Name))
        {
            reason = "it is a key part, and every entry holds the row's key already; index value members only";
            return null;
        }

        ITypeSymbol type = member.Type;
        bool nullableValueType = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            nullableValueType = true;
            type = nullable.TypeArguments[0];
        }

        string? encoding = KeyTypeParser.GetEncoding(type, known, out string? enumUnderlying);
        if (encoding is null)
        {
            reason = "an index part must have a type a key part may have (string, Guid, bool, an integer type, float, double, DateTime, DateTimeOffset, DateOnly, TimeSpan, an enum or byte[]), or its nullable form";
            return null;
        }

        reason = null;

        // The accessors' own parameter names (the bound index, the prefix tuple) are never a part's.
        string parameter = Naming.ToKeyParameterName(member.Name);
        if (parameter is "index" or "parts" or "found" or "value")
        {
            parameter += "Value";
        }

        bool reference = type.IsReferenceType;
        string typeName = type.ToDisplayString(Naming.FullyQualifiedWithoutAnnotations);
        bool annotated = nullableValueType || (reference && member.Type.NullableAnnotation == NullableAnnotation.Annotated);
        return new IndexPartModel(
            Naming.EscapeIdentifier(member.Name),
            parameter,
            annotated ? typeName + "?" : typeName,
            encoding,
            enumUnderlying,
            nullableValueType || reference,
            nullableValueType);
    }
}
