using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// The rules of <c>[Table(CacheSize = ..., CacheTtlSeconds = ...)]</c> (docs/row-cache.md): valid options (TS0022), no
/// cache on a Stream table (TS0023), and an immutable row type (TS0021), because every reader of a cached row gets the
/// same object.
/// </summary>
/// <remarks>
/// <para>What counts as mutable, checked on the row type, its base types and, recursively, every class or struct from
/// source that a member's type is or holds (an element type, a type argument):</para>
/// <list type="bullet">
/// <item>on a class (a struct is copied when read, so its own members are safe), a property with a <c>set</c> accessor
/// that is not <c>init</c> and not private, or a field that is not <c>readonly</c> and not private;</item>
/// <item>on a class or a struct, a member whose type is an array (<c>byte[]</c> too), or a mutable collection:
/// <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>,
/// <c>Dictionary&lt;TKey, TValue&gt;</c>, <c>IDictionary&lt;TKey, TValue&gt;</c> (<c>IReadOnlyList&lt;T&gt;</c> is not:
/// it is how a list is declared read-only).</item>
/// </list>
/// <para>Private members are the type's own business (a lazily computed field); what the type's methods do is not
/// judged. Each offending member is reported once, where it is declared.</para>
/// </remarks>
internal static class RowCacheRules
{
    /// <summary>The runtime's <c>TableDescriptor.MinimumCacheSize</c>.</summary>
    private const int MinimumCacheSize = 3;

    private static readonly string[] MutableCollections =
    [
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.IDictionary`2",
    ];

    /// <summary>Checks the cache options and, for a table that has a cache, its row type.</summary>
    public static void Check(INamedTypeSymbol type, int cacheSize, int cacheTtlSeconds, TableKindModel kind, string typeDisplay, LocationInfo? fallbackLocation, List<DiagnosticInfo> diagnostics)
    {
        string size = cacheSize.ToString(CultureInfo.InvariantCulture);
        string ttl = cacheTtlSeconds.ToString(CultureInfo.InvariantCulture);
        if (cacheSize < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowCacheOptions, fallbackLocation, typeDisplay, $"CacheSize = {size}; a row cache holds a number of rows (0 for none) and cannot be negative"));
        }
        else if (cacheSize is > 0 and < MinimumCacheSize)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowCacheOptions, fallbackLocation, typeDisplay, $"CacheSize = {size}; a row cache holds at least {MinimumCacheSize} rows (its LRU keeps hot, warm and cold rows apart), or 0 for none"));
        }

        if (cacheTtlSeconds < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowCacheOptions, fallbackLocation, typeDisplay, $"CacheTtlSeconds = {ttl}; a time to live is a number of seconds (0 for none) and cannot be negative"));
        }
        else if (cacheTtlSeconds > 0 && cacheSize == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowCacheOptions, fallbackLocation, typeDisplay, $"CacheTtlSeconds = {ttl} without CacheSize; the TTL applies to cached rows, so set CacheSize (the most rows kept) or remove CacheTtlSeconds"));
        }

        if (cacheSize < MinimumCacheSize)
        {
            return;
        }

        if (kind == TableKindModel.Stream)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowCacheOnStreamTable, fallbackLocation, typeDisplay, size));
            return;
        }

        HashSet<ITypeSymbol> visited = new(SymbolEqualityComparer.Default);
        CheckType(type, string.Empty, visited, size, typeDisplay, fallbackLocation, diagnostics);
    }

    private static void CheckType(INamedTypeSymbol type, string path, HashSet<ITypeSymbol> visited, string size, string typeDisplay, LocationInfo? fallbackLocation, List<DiagnosticInfo> diagnostics)
    {
        if (!visited.Add(type))
        {
            return;
        }

        for (INamedTypeSymbol? declaring = type; declaring is not null && declaring.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); declaring = declaring.BaseType)
        {
            foreach (ISymbol member in declaring.GetMembers())
            {
                (ITypeSymbol? memberType, string? reason) = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false } property when property.Name != "EqualityContract" => (property.Type, SettableProperty(type, property)),
                    IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false, CanBeReferencedByName: true } field => (field.Type, WritableField(type, field)),
                    _ => (null, null),
                };

                if (memberType is null || member.DeclaredAccessibility == Accessibility.Private)
                {
                    continue;
                }

                string name = path + member.Name;
                reason ??= MutableType(memberType);
                if (reason is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MutableCachedRow, LocationInfo.From(member) ?? fallbackLocation, typeDisplay, size, $"'{name}' {reason}"));
                }

                foreach (INamedTypeSymbol held in HeldSourceTypes(memberType))
                {
                    CheckType(held, name + ".", visited, size, typeDisplay, fallbackLocation, diagnostics);
                }
            }
        }
    }

    // A struct is copied when it is read, so setting its members changes no one else's copy.
    private static string? SettableProperty(INamedTypeSymbol owner, IPropertySymbol property)
        => !owner.IsValueType && property.SetMethod is { IsInitOnly: false } setter && setter.DeclaredAccessibility != Accessibility.Private
            ? "has a set accessor (use init)"
            : null;

    private static string? WritableField(INamedTypeSymbol owner, IFieldSymbol field)
        => !owner.IsValueType && !field.IsReadOnly ? "is a field that is not readonly" : null;

    private static string? MutableType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return $"is an array ('{array.ToDisplayString()}'), whose elements can be replaced";
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            string definition = named.ConstructedFrom.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted).WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            string metadataName = definition + "`" + named.Arity.ToString(CultureInfo.InvariantCulture);
            foreach (string mutable in MutableCollections)
            {
                if (metadataName == mutable)
                {
                    return $"is a mutable collection ('{named.ToDisplayString()}'){(named.Arity == 1 ? "; declare it IReadOnlyList<T>" : string.Empty)}";
                }
            }
        }

        return null;
    }

    // The classes and structs declared in source that a member's type is or holds (array elements, type arguments).
    private static IEnumerable<INamedTypeSymbol> HeldSourceTypes(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                foreach (INamedTypeSymbol held in HeldSourceTypes(array.ElementType))
                {
                    yield return held;
                }

                break;
            case INamedTypeSymbol named:
                if (named.TypeKind is TypeKind.Class or TypeKind.Struct && named.Locations.Length > 0 && named.Locations[0].IsInSource && !named.IsGenericType)
                {
                    yield return named;
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    foreach (INamedTypeSymbol held in HeldSourceTypes(argument))
                    {
                        yield return held;
                    }
                }

                break;
        }
    }
}
