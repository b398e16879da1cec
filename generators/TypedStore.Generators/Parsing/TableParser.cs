using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>Turns a [Table] type symbol into a <see cref="TableModel"/>, or into the diagnostics explaining why it cannot be one.</summary>
internal static class TableParser
{

    /// <summary>The ForAttributeWithMetadataName transform for [Table].</summary>
    public static TableParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation())
            ?? LocationInfo.From(type);
        return Parse(type, attribute, new KnownTypes(context.SemanticModel.Compilation), location, cancellationToken);
    }

    /// <summary>Parses a table type; diagnostics without a source location of their own point at <paramref name="fallbackLocation"/>.</summary>
    public static TableParseResult Parse(INamedTypeSymbol type, AttributeData attribute, KnownTypes known, LocationInfo? fallbackLocation, CancellationToken cancellationToken)
    {
        List<DiagnosticInfo> diagnostics = new();
        string typeDisplay = type.ToDisplayString();

        string? tableName = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        int kind = 0;
        bool softDelete = false;
        int ttlSeconds = 0;
        bool changeFeed = false;
        int cacheSize = 0;
        int cacheTtlSeconds = 0;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Kind" when argument.Value.Value is int value:
                    kind = value;
                    break;
                case "SoftDelete" when argument.Value.Value is bool value:
                    softDelete = value;
                    break;
                case "TtlSeconds" when argument.Value.Value is int value:
                    ttlSeconds = value;
                    break;
                case "ChangeFeed" when argument.Value.Value is bool value:
                    changeFeed = value;
                    break;
                case "CacheSize" when argument.Value.Value is int value:
                    cacheSize = value;
                    break;
                case "CacheTtlSeconds" when argument.Value.Value is int value:
                    cacheTtlSeconds = value;
                    break;
            }
        }

        // A value outside the enum (a cast) is an error (TS0045); the checks below read it as the default kind.
        TableKindModel tableKind = kind >= (int)TableKindModel.Shared && kind <= (int)TableKindModel.Stream ? (TableKindModel)kind : TableKindModel.Shared;
        if ((int)tableKind != kind)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedTableKind, fallbackLocation, typeDisplay, kind.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Only TypedStore's own catalog tables may use the reserved '__' prefix (docs/schema-evolution.md).
        bool isCatalogAssembly = known.Compilation.AssemblyName == Naming.CatalogAssemblyName;
        if (Naming.GetTableNameError(tableName, allowCatalogNames: isCatalogAssembly) is { } nameError)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTableName, fallbackLocation, tableName ?? "(null)", typeDisplay, nameError));
        }

        if (ttlSeconds < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeTtl, fallbackLocation, typeDisplay, ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (ttlSeconds != 0 && tableKind != TableKindModel.Stream)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TtlOnNonStreamTable, fallbackLocation, typeDisplay, ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), tableKind.ToString()));
        }

        RowCacheRules.Check(type, cacheSize, cacheTtlSeconds, tableKind, typeDisplay, fallbackLocation, diagnostics);

        if (GetUnsupportedTableReason(type, known) is { } shapeReason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTableType, fallbackLocation, typeDisplay, shapeReason));
            return new TableParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        TypeShape? shape = TypeShape.Read(type, known, out string? shapeError);
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoUsableConstructor, fallbackLocation, typeDisplay, shapeError ?? string.Empty));
            return new TableParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<KeyPartModel> keys = ParseKeys(type, shape, known, tableKind, typeDisplay, fallbackLocation, diagnostics, out HashSet<string> keyNames);
        if (tableKind == TableKindModel.Stream && keys.Count > 0)
        {
            StreamKeyRules.Check(keys, typeDisplay, fallbackLocation, diagnostics);
        }

        // Key members that cannot be set back are errors already (TS0010, in ParseKeys).
        UnstoredMemberRule.Check(shape, typeDisplay, KeyMemberNames(type, shape, known), fallbackLocation, diagnostics);

        ValueTypeParser valueParser = new(known, diagnostics, cancellationToken);
        List<MemberModel> values = new();
        foreach (ShapeMember member in shape.Members)
        {
            if (keyNames.Contains(member.Name))
            {
                continue;
            }

            ValueTypeModel? valueType = valueParser.ParseMember(member, typeDisplay, fallbackLocation);
            if (valueType is not null)
            {
                values.Add(new MemberModel(Naming.EscapeIdentifier(member.Name), valueType, Naming.ToSchemaTypeName(member.Type)));
            }
        }

        EquatableArray<IndexModel> indexes = IndexParser.Parse(type, shape, keyNames, tableKind, known, typeDisplay, fallbackLocation, diagnostics, cancellationToken);
        if (HasErrors(diagnostics))
        {
            return new TableParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        TableModel table = new(
            type.ToDisplayString(Naming.FullyQualifiedWithoutAnnotations),
            type.IsValueType,
            IsPublic(type),
            tableName!,
            Naming.ToPascalCase(tableName!),
            tableKind,
            softDelete,
            ttlSeconds,
            changeFeed,
            new EquatableArray<KeyPartModel>(keys.ToArray()),
            new EquatableArray<MemberModel>(values.ToArray()),
            Naming.EscapeIdentifiers(shape.ConstructorArguments),
            Naming.EscapeIdentifiers(shape.RequiredInitializers),
            valueParser.GetObjectTypes(),
            GeneratedKeyUsesWith(type, shape, keys, known))
        {
            Indexes = indexes,
            CacheSize = cacheSize,
            CacheTtlSeconds = cacheTtlSeconds,
        };

        // Warnings (TS0020) leave the table valid: it is generated and the warnings reported beside it.
        return new TableParseResult(table, diagnostics.Count == 0 ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    /// <summary>The read-only members marked [Key]: reported as TS0010, so not again as TS0040.</summary>
    private static HashSet<string> KeyMemberNames(INamedTypeSymbol type, TypeShape shape, KnownTypes known)
    {
        HashSet<string> names = new(System.StringComparer.Ordinal);
        Dictionary<string, AttributeData> onParameters = GetKeyAttributesOnConstructorParameters(type, known);
        foreach (ShapeMember member in shape.ReadOnlyMembers)
        {
            if (FindKeyAttribute(member.Symbol, onParameters, known) is not null)
            {
                names.Add(member.Name);
            }
        }

        return names;
    }

    private static bool HasErrors(List<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            if (diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type and every type containing it are public.</summary>
    public static bool IsPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static List<KeyPartModel> ParseKeys(
        INamedTypeSymbol type,
        TypeShape shape,
        KnownTypes known,
        TableKindModel tableKind,
        string typeDisplay,
        LocationInfo? fallbackLocation,
        List<DiagnosticInfo> diagnostics,
        out HashSet<string> keyNames)
    {
        keyNames = new HashSet<string>(System.StringComparer.Ordinal);
        Dictionary<string, AttributeData> keyAttributeByParameter = GetKeyAttributesOnConstructorParameters(type, known);
        List<(ShapeMember Member, AttributeData Attribute, int Position)> found = new();

        // A [Key] on a member that cannot be set back is an error rather than a silently unstored key.
        foreach (ShapeMember member in shape.ReadOnlyMembers)
        {
            if (FindKeyAttribute(member.Symbol, keyAttributeByParameter, known) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NoUsableConstructor,
                    LocationInfo.From(member.Symbol) ?? fallbackLocation,
                    typeDisplay,
                    $"key member '{member.Name}' has no accessible setter and no matching constructor parameter"));
            }
        }

        ReportKeysOnUnreadableMembers(type, known, typeDisplay, fallbackLocation, diagnostics);

        for (int i = 0; i < shape.Members.Count; i++)
        {
            ShapeMember member = shape.Members[i];
            if (FindKeyAttribute(member.Symbol, keyAttributeByParameter, known) is { } attribute)
            {
                found.Add((member, attribute, i));
            }
        }

        if (found.Count == 0)
        {
            if (!HasKeyDiagnostic(diagnostics))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingKey, fallbackLocation, typeDisplay));
            }

            return new List<KeyPartModel>();
        }

        int withOrder = 0;
        HashSet<int> orders = new();
        bool distinct = true;
        foreach ((ShapeMember _, AttributeData attribute, int _) in found)
        {
            int order = GetNamedInt(attribute, "Order", -1);
            if (order >= 0)
            {
                withOrder++;
                distinct &= orders.Add(order);
            }
        }

        if ((withOrder != 0 && withOrder != found.Count) || !distinct)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKeyOrder, fallbackLocation, typeDisplay));
        }
        else if (withOrder == found.Count)
        {
            found.Sort((a, b) => GetNamedInt(a.Attribute, "Order", -1).CompareTo(GetNamedInt(b.Attribute, "Order", -1)));
        }

        List<KeyPartModel> keys = new(found.Count);
        foreach ((ShapeMember member, AttributeData attribute, int _) in found)
        {
            keyNames.Add(member.Name);
            LocationInfo? memberLocation = LocationInfo.From(member.Symbol) ?? fallbackLocation;
            if (KeyTypeParser.IsNullable(member.Type))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NullableKeyPart, memberLocation, member.Name, typeDisplay, member.Type.ToDisplayString()));
                continue;
            }

            string? encoding = KeyTypeParser.GetEncoding(member.Type, known, out string? enumUnderlying);
            if (encoding is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedKeyType, memberLocation, member.Name, typeDisplay, member.Type.ToDisplayString()));
                continue;
            }

            if (keys.Count == 0 && tableKind == TableKindModel.User && !KeyTypeParser.IsUserIdEncoding(encoding, enumUnderlying))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUserKey, memberLocation, typeDisplay, member.Name, member.Type.ToDisplayString()));
            }

            bool generated = GetNamedBool(attribute, "Generated");
            if (generated && !IsValidGeneratedPart(member, typeDisplay, memberLocation, keys, diagnostics))
            {
                continue;
            }

            keys.Add(new KeyPartModel(
                Naming.EscapeIdentifier(member.Name),
                Naming.ToKeyParameterName(member.Name),
                member.Type.ToDisplayString(Naming.FullyQualifiedWithoutAnnotations),
                encoding,
                enumUnderlying,
                GetNamedBool(attribute, "Descending"),
                generated,
                Naming.ToSchemaTypeName(member.Type)));
        }

        return keys;
    }

    private static bool GeneratedKeyUsesWith(INamedTypeSymbol type, TypeShape shape, List<KeyPartModel> keys, KnownTypes known)
    {
        if (!type.IsRecord && !type.IsValueType)
        {
            return false;
        }

        foreach (KeyPartModel key in keys)
        {
            if (key.Generated)
            {
                foreach (ShapeMember member in shape.Members)
                {
                    if (Naming.EscapeIdentifier(member.Name) == key.MemberName)
                    {
                        return TypeShape.IsSettable(member.Symbol, known);
                    }
                }
            }
        }

        return false;
    }

    // A generated part is a long drawn from the table's sequence (TS0014), and a table has one sequence (TS0015).
    private static bool IsValidGeneratedPart(ShapeMember member, string typeDisplay, LocationInfo? location, List<KeyPartModel> keysSoFar, List<DiagnosticInfo> diagnostics)
    {
        if (member.Type.SpecialType != SpecialType.System_Int64)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedKeyNotLong, location, member.Name, typeDisplay, member.Type.ToDisplayString()));
            return false;
        }

        foreach (KeyPartModel earlier in keysSoFar)
        {
            if (earlier.Generated)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleGeneratedKeyParts, location, typeDisplay, earlier.MemberName, member.Name));
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// TS0046: [Key] on a member the generator never reads (static, or not accessible to the generated store), which is
    /// otherwise ignored without a word and leaves the table keyless (TS0001, which this replaces).
    /// </summary>
    private static void ReportKeysOnUnreadableMembers(INamedTypeSymbol type, KnownTypes known, string typeDisplay, LocationInfo? fallbackLocation, List<DiagnosticInfo> diagnostics)
    {
        for (INamedTypeSymbol? declaring = type; declaring is not null && declaring.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); declaring = declaring.BaseType)
        {
            foreach (ISymbol member in declaring.GetMembers())
            {
                string? reason = member switch
                {
                    IPropertySymbol { IsStatic: true } or IFieldSymbol { IsStatic: true } => "it is static",
                    IPropertySymbol { GetMethod: { } getter } when !known.IsAccessible(getter) => "the generated store cannot read it (make it public or internal)",
                    IPropertySymbol { GetMethod: null } => "it has no getter",
                    IFieldSymbol { IsImplicitlyDeclared: false } field when !known.IsAccessible(field) => "the generated store cannot read it (make it public or internal)",
                    _ => null,
                };

                if (reason is null)
                {
                    continue;
                }

                foreach (AttributeData attribute in member.GetAttributes())
                {
                    if (KnownTypes.Is(attribute.AttributeClass, known.KeyAttribute))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KeyOnUnstoredMember, LocationInfo.From(member) ?? fallbackLocation, member.Name, typeDisplay, reason));
                        break;
                    }
                }
            }
        }
    }

    private static bool HasKeyDiagnostic(List<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            if (diagnostic.Descriptor == DiagnosticDescriptors.NoUsableConstructor || diagnostic.Descriptor == DiagnosticDescriptors.KeyOnUnstoredMember)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, AttributeData> GetKeyAttributesOnConstructorParameters(INamedTypeSymbol type, KnownTypes known)
    {
        // [Key] written on a positional record parameter without the property: target lands on the parameter.
        Dictionary<string, AttributeData> result = new(System.StringComparer.Ordinal);
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                foreach (AttributeData attribute in parameter.GetAttributes())
                {
                    if (KnownTypes.Is(attribute.AttributeClass, known.KeyAttribute) && !result.ContainsKey(parameter.Name))
                    {
                        result.Add(parameter.Name, attribute);
                    }
                }
            }
        }

        return result;
    }

    private static AttributeData? FindKeyAttribute(ISymbol member, Dictionary<string, AttributeData> keyAttributeByParameter, KnownTypes known)
    {
        ImmutableArray<AttributeData> attributes = member.GetAttributes();
        foreach (AttributeData attribute in attributes)
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.KeyAttribute))
            {
                return attribute;
            }
        }

        return keyAttributeByParameter.TryGetValue(member.Name, out AttributeData? onParameter) ? onParameter : null;
    }

    private static string? GetUnsupportedTableReason(INamedTypeSymbol type, KnownTypes known)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return "generic types (and types nested in generic types) cannot be tables; declare a non-generic record or class";
            }
        }

        if (type.IsAbstract || type.IsStatic)
        {
            return "abstract and static types cannot be tables";
        }

        if (type.IsRefLikeType)
        {
            return "ref structs cannot be tables";
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return "the type (and every type containing it) must be public or internal, so the generated store can use it";
            }
        }

        return known.IsAccessible(type) ? null : "the type is not accessible from the generated store";
    }

    private static int GetNamedInt(AttributeData attribute, string name, int defaultValue)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value)
            {
                return value;
            }
        }

        return defaultValue;
    }

    private static bool GetNamedBool(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return value;
            }
        }

        return false;
    }
}
