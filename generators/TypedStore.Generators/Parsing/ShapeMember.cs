using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Parsing;

/// <summary>A member the generator stores: readable, and settable by a constructor parameter or an accessor.</summary>
internal sealed class ShapeMember
{
    public ShapeMember(ISymbol symbol, ITypeSymbol type)
    {
        Symbol = symbol;
        Type = type;
    }

    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    public ITypeSymbol Type { get; }
}
