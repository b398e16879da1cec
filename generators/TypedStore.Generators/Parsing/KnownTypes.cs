using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Parsing;

/// <summary>The TypedStore and BCL symbols the parser compares against, looked up once per transform.</summary>
internal sealed class KnownTypes
{
    public const string TableAttributeName = "TypedStore.TableAttribute";
    public const string StoreAttributeName = "TypedStore.StoreAttribute";
    public const string KeyAttributeName = "TypedStore.KeyAttribute";

    public KnownTypes(Compilation compilation)
    {
        Compilation = compilation;
        TableAttribute = compilation.GetTypeByMetadataName(TableAttributeName);
        StoreAttribute = compilation.GetTypeByMetadataName(StoreAttributeName);
        KeyAttribute = compilation.GetTypeByMetadataName(KeyAttributeName);
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        IList = compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1");
        IReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        HashSet = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        IDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? TableAttribute { get; }

    public INamedTypeSymbol? StoreAttribute { get; }

    public INamedTypeSymbol? KeyAttribute { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? IList { get; }

    public INamedTypeSymbol? IReadOnlyList { get; }

    public INamedTypeSymbol? HashSet { get; }

    public INamedTypeSymbol? Dictionary { get; }

    public INamedTypeSymbol? IDictionary { get; }

    public INamedTypeSymbol? IReadOnlyDictionary { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
        => type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    public static bool IsGeneric(ITypeSymbol type, INamedTypeSymbol? knownDefinition)
        => type is INamedTypeSymbol { IsGenericType: true } named && knownDefinition is not null
            && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, knownDefinition);

    public bool IsAccessible(ISymbol symbol) => Compilation.IsSymbolAccessibleWithin(symbol, Compilation.Assembly);
}
