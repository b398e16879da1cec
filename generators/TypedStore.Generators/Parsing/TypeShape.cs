using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// How a type's values are taken apart and rebuilt: its stored members in declaration order (base type first)
/// and the constructor that rebuilds it. A member is stored when it is readable and can be set back, by a
/// constructor parameter of the same name and type or by an accessible <c>set</c>/<c>init</c> accessor;
/// computed get-only members are not stored.
/// </summary>
internal sealed class TypeShape
{
    private TypeShape(List<ShapeMember> members, List<string> constructorArguments, List<string> requiredInitializers, List<ShapeMember> readOnlyMembers)
    {
        Members = members;
        ConstructorArguments = constructorArguments;
        RequiredInitializers = requiredInitializers;
        ReadOnlyMembers = readOnlyMembers;
    }

    /// <summary>The stored members, in declaration order.</summary>
    public List<ShapeMember> Members { get; }

    /// <summary>The stored members passed to the chosen constructor, in parameter order.</summary>
    public List<string> ConstructorArguments { get; }

    /// <summary>
    /// Required members the chosen constructor takes but does not declare set ([SetsRequiredMembers]): the
    /// object initializer must still set them, or the construction does not compile.
    /// </summary>
    public List<string> RequiredInitializers { get; }

    /// <summary>Readable members that cannot be set back (not stored); a [Key] among them is an error.</summary>
    public List<ShapeMember> ReadOnlyMembers { get; }

    /// <summary>Reads the shape of <paramref name="type"/>, or explains in <paramref name="error"/> why it cannot be rebuilt.</summary>
    public static TypeShape? Read(INamedTypeSymbol type, KnownTypes known, out string? error)
    {
        List<ShapeMember> readable = GetReadableMembers(type, known);
        IMethodSymbol? constructor = ChooseConstructor(type, readable, known, out Dictionary<string, IParameterSymbol>? parameterByMember);
        if (constructor is null || parameterByMember is null)
        {
            error = "it has no accessible constructor whose parameters all match readable members by name (ignoring case) and type";
            return null;
        }

        List<ShapeMember> members = new();
        List<ShapeMember> readOnlyMembers = new();
        foreach (ShapeMember member in readable)
        {
            if (parameterByMember.ContainsKey(member.Name) || IsSettable(member.Symbol, known))
            {
                members.Add(member);
            }
            else
            {
                readOnlyMembers.Add(member);
            }
        }

        List<string> arguments = new(constructor.Parameters.Length);
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            foreach (KeyValuePair<string, IParameterSymbol> pair in parameterByMember)
            {
                if (SymbolEqualityComparer.Default.Equals(pair.Value, parameter))
                {
                    arguments.Add(pair.Key);
                    break;
                }
            }
        }

        List<string> requiredInitializers = new();
        if (!SetsRequiredMembers(constructor))
        {
            foreach (ShapeMember member in members)
            {
                bool required = member.Symbol is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
                if (required && parameterByMember.ContainsKey(member.Name))
                {
                    requiredInitializers.Add(member.Name);
                }
            }
        }

        error = null;
        return new TypeShape(members, arguments, requiredInitializers, readOnlyMembers);
    }

    private static List<ShapeMember> GetReadableMembers(INamedTypeSymbol type, KnownTypes known)
    {
        // Base types first, so a derived row appends its members after its base's (like a schema evolving).
        List<INamedTypeSymbol> chain = new();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        List<ShapeMember> result = new();
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (INamedTypeSymbol declaring in chain)
        {
            foreach (ISymbol member in InDeclarationOrder(declaring.GetMembers()))
            {
                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: { } getter } property
                        when property.Name != "EqualityContract" && known.IsAccessible(getter) => property.Type,
                    IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false, CanBeReferencedByName: true } field
                        when known.IsAccessible(field) => field.Type,
                    _ => null,
                };

                if (memberType is not null && seen.Add(member.Name))
                {
                    result.Add(new ShapeMember(member, memberType));
                }
            }
        }

        return result;
    }

    private static IEnumerable<ISymbol> InDeclarationOrder(IEnumerable<ISymbol> members)
    {
        // Source members sort by position (positional record properties sit at their parameters); metadata
        // keeps its own order, which is the declaration order the compiler emitted.
        List<ISymbol> list = new(members);
        bool allInSource = true;
        foreach (ISymbol member in list)
        {
            if (member.Locations.Length == 0 || !member.Locations[0].IsInSource)
            {
                allInSource = false;
                break;
            }
        }

        if (allInSource)
        {
            List<(ISymbol Member, int Index)> indexed = new(list.Count);
            for (int i = 0; i < list.Count; i++)
            {
                indexed.Add((list[i], i));
            }

            indexed.Sort(static (a, b) =>
            {
                Location left = a.Member.Locations[0];
                Location right = b.Member.Locations[0];
                int byFile = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
                if (byFile != 0)
                {
                    return byFile;
                }

                int byPosition = left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
                return byPosition != 0 ? byPosition : a.Index.CompareTo(b.Index);
            });

            for (int i = 0; i < list.Count; i++)
            {
                list[i] = indexed[i].Member;
            }
        }

        return list;
    }

    private static IMethodSymbol? ChooseConstructor(
        INamedTypeSymbol type,
        List<ShapeMember> readable,
        KnownTypes known,
        out Dictionary<string, IParameterSymbol>? parameterByMember)
    {
        IMethodSymbol? best = null;
        parameterByMember = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!known.IsAccessible(constructor) || IsCopyConstructor(type, constructor))
            {
                continue;
            }

            Dictionary<string, IParameterSymbol>? mapping = MapParameters(constructor, readable);
            if (mapping is not null && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
                parameterByMember = mapping;
            }
        }

        return best;
    }

    private static Dictionary<string, IParameterSymbol>? MapParameters(IMethodSymbol constructor, List<ShapeMember> readable)
    {
        Dictionary<string, IParameterSymbol> mapping = new(StringComparer.Ordinal);
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            ShapeMember? match = null;
            foreach (ShapeMember member in readable)
            {
                if (string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(member.Type, parameter.Type))
                {
                    match = member;
                    break;
                }
            }

            if (match is null || parameter.RefKind != RefKind.None || mapping.ContainsKey(match.Name))
            {
                return null;
            }

            mapping.Add(match.Name, parameter);
        }

        return mapping;
    }

    private static bool SetsRequiredMembers(IMethodSymbol constructor)
    {
        foreach (AttributeData attribute in constructor.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor)
        => constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    /// <summary>Whether <paramref name="member"/> can be assigned by an initializer (or a <c>with</c> expression) where the generated store is.</summary>
    public static bool IsSettable(ISymbol member, KnownTypes known) => member switch
    {
        IPropertySymbol property => property.SetMethod is { } setter && known.IsAccessible(setter),
        IFieldSymbol field => !field.IsReadOnly,
        _ => false,
    };
}
