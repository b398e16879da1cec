using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// Maps the types of value members to their formatting shape, recursively through collections and nested
/// types. Nested types are parsed once each (a type that contains itself, such as a tree node, is fine: its
/// formatter calls itself and is bounded at run time by a depth limit).
/// </summary>
internal sealed class ValueTypeParser
{
    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, ObjectTypeModel?> _objectTypes = new(System.StringComparer.Ordinal);
    private readonly List<string> _objectOrder = new();

    public ValueTypeParser(KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _known = known;
        Diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public List<DiagnosticInfo> Diagnostics { get; }

    /// <summary>The nested types met so far, each with its formatter model, in the order they were found.</summary>
    public EquatableArray<ObjectTypeModel> GetObjectTypes()
    {
        List<ObjectTypeModel> result = new(_objectOrder.Count);
        foreach (string name in _objectOrder)
        {
            if (_objectTypes[name] is { } model)
            {
                result.Add(model);
            }
        }

        return new EquatableArray<ObjectTypeModel>(result.ToArray());
    }

    /// <summary>
    /// Parses the type of member <paramref name="member"/> of <paramref name="ownerName"/>; reports TS0007 at
    /// <paramref name="location"/> and returns <see langword="null"/> when it cannot be stored.
    /// </summary>
    public ValueTypeModel? ParseMember(ShapeMember member, string ownerName, LocationInfo? location)
    {
        ValueTypeModel? model = Parse(member.Type, location, out string? reason);
        if (model is null)
        {
            Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedValueType,
                LocationInfo.From(member.Symbol) ?? location,
                member.Name,
                ownerName,
                member.Type.ToDisplayString(),
                reason ?? "it is not a supported type"));
        }

        return model;
    }

    private ValueTypeModel? Parse(ITypeSymbol type, LocationInfo? location, out string? reason)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        reason = null;
        string typeName = type.ToDisplayString(Naming.FullyQualified);
        bool annotated = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol nullable)
        {
            ValueTypeModel? underlying = Parse(nullable.TypeArguments[0], location, out reason);
            return underlying is null ? null : new ValueTypeModel(ValueKind.Nullable, typeName, false, true, underlying, null, null, null, null);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } enumUnderlying })
        {
            return Scalar(ValueKind.Enum, typeName, enumUnderlying.ToDisplayString());
        }

        ValueKind? scalar = GetScalarKind(type);
        if (scalar is { } scalarKind)
        {
            return new ValueTypeModel(scalarKind, typeName, type.IsReferenceType, annotated, null, null, null, null, null);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                reason = "multi-dimensional arrays are not supported; use jagged arrays or lists";
                return null;
            }

            ValueTypeModel? element = Parse(array.ElementType, location, out reason);
            return element is null ? null : new ValueTypeModel(ValueKind.Array, typeName, true, annotated, element, null, null, null, null);
        }

        if (type is INamedTypeSymbol named)
        {
            if (KnownTypes.IsGeneric(named, _known.List) || KnownTypes.IsGeneric(named, _known.IList) || KnownTypes.IsGeneric(named, _known.IReadOnlyList))
            {
                return Collection(ValueKind.List, named, typeName, annotated, "global::System.Collections.Generic.List", location, out reason);
            }

            if (KnownTypes.IsGeneric(named, _known.HashSet))
            {
                return Collection(ValueKind.HashSet, named, typeName, annotated, "global::System.Collections.Generic.HashSet", location, out reason);
            }

            if (KnownTypes.IsGeneric(named, _known.Dictionary))
            {
                return Dictionary(named, typeName, annotated, location, out reason);
            }

            if (KnownTypes.IsGeneric(named, _known.IDictionary) || KnownTypes.IsGeneric(named, _known.IReadOnlyDictionary))
            {
                reason = "declare dictionaries as Dictionary<TKey, TValue> (enumerating the interfaces allocates)";
                return null;
            }

            return ParseObject(named, typeName, annotated, location, out reason);
        }

        reason = type.TypeKind == TypeKind.TypeParameter
            ? "generic type parameters cannot be stored; the generator needs the concrete type"
            : "it is not a supported type";
        return null;
    }

    private ValueTypeModel? Collection(ValueKind kind, INamedTypeSymbol named, string typeName, bool annotated, string creationType, LocationInfo? location, out string? reason)
    {
        ValueTypeModel? element = Parse(named.TypeArguments[0], location, out reason);
        return element is null
            ? null
            : new ValueTypeModel(kind, typeName, true, annotated, element, null, $"{creationType}<{element.TypeName}>", null, null);
    }

    private ValueTypeModel? Dictionary(INamedTypeSymbol named, string typeName, bool annotated, LocationInfo? location, out string? reason)
    {
        ValueTypeModel? key = Parse(named.TypeArguments[0], location, out reason);
        if (key is null)
        {
            return null;
        }

        ValueTypeModel? value = Parse(named.TypeArguments[1], location, out reason);
        return value is null
            ? null
            : new ValueTypeModel(ValueKind.Dictionary, typeName, true, annotated, value, key, $"global::System.Collections.Generic.Dictionary<{key.TypeName}, {value.TypeName}>", null, null);
    }

    private ValueTypeModel? ParseObject(INamedTypeSymbol type, string typeName, bool annotated, LocationInfo? location, out string? reason)
    {
        reason = GetUnsupportedObjectReason(type);
        if (reason is not null)
        {
            return null;
        }

        string objectName = type.ToDisplayString(Naming.FullyQualifiedWithoutAnnotations);
        ValueTypeModel model = new(ValueKind.Object, typeName, type.IsReferenceType, annotated, null, null, null, null, objectName);
        if (_objectTypes.ContainsKey(objectName))
        {
            // Parsed already, or being parsed further up the stack (a recursive type): just refer to it.
            return model;
        }

        _objectTypes[objectName] = null;
        _objectOrder.Add(objectName);
        TypeShape? shape = TypeShape.Read(type, _known, out string? shapeError);
        if (shape is null)
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoUsableConstructor, LocationInfo.From(type) ?? location, type.ToDisplayString(), shapeError ?? string.Empty));
            return model;
        }

        List<MemberModel> members = new(shape.Members.Count);
        string ownerName = type.ToDisplayString();
        UnstoredMemberRule.Check(shape, ownerName, reportedElsewhere: null, location, Diagnostics);
        foreach (ShapeMember member in shape.Members)
        {
            ValueTypeModel? memberType = ParseMember(member, ownerName, location);
            if (memberType is not null)
            {
                members.Add(new MemberModel(Naming.EscapeIdentifier(member.Name), memberType, Naming.ToSchemaTypeName(member.Type)));
            }
        }

        _objectTypes[objectName] = new ObjectTypeModel(
            objectName,
            Naming.ToIdentifier(type),
            type.IsValueType,
            new EquatableArray<MemberModel>(members.ToArray()),
            Naming.EscapeIdentifiers(shape.ConstructorArguments),
            Naming.EscapeIdentifiers(shape.RequiredInitializers));
        return model;
    }

    private string? GetUnsupportedObjectReason(INamedTypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Interface or TypeKind.Delegate || type.IsAbstract)
        {
            return "interfaces, abstract classes and delegates have no single concrete shape to rebuild";
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.SpecialType == SpecialType.System_Object)
        {
            return "it is not a supported type";
        }

        if (type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)))
        {
            return "framework types other than the supported primitives and collections are not stored member by member";
        }

        if (type.IsRefLikeType)
        {
            return "ref structs cannot be stored";
        }

        return _known.IsAccessible(type) ? null : "the type is not accessible from the generated code";
    }

    private ValueKind? GetScalarKind(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Byte: return ValueKind.Byte;
            case SpecialType.System_SByte: return ValueKind.SByte;
            case SpecialType.System_Int16: return ValueKind.Int16;
            case SpecialType.System_UInt16: return ValueKind.UInt16;
            case SpecialType.System_Int32: return ValueKind.Int32;
            case SpecialType.System_UInt32: return ValueKind.UInt32;
            case SpecialType.System_Int64: return ValueKind.Int64;
            case SpecialType.System_UInt64: return ValueKind.UInt64;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Char: return ValueKind.Char;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return ValueKind.Bytes;
        }

        if (KnownTypes.Is(type, _known.Guid))
        {
            return ValueKind.Guid;
        }

        if (KnownTypes.Is(type, _known.DateTimeOffset))
        {
            return ValueKind.DateTimeOffset;
        }

        if (KnownTypes.Is(type, _known.DateOnly))
        {
            return ValueKind.DateOnly;
        }

        if (KnownTypes.Is(type, _known.TimeOnly))
        {
            return ValueKind.TimeOnly;
        }

        return KnownTypes.Is(type, _known.TimeSpan) ? ValueKind.TimeSpan : null;
    }

    private static ValueTypeModel Scalar(ValueKind kind, string typeName, string? enumUnderlying)
        => new(kind, typeName, false, false, null, null, null, enumUnderlying, null);
}
