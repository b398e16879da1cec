using Microsoft.CodeAnalysis;

namespace TypedStore.Generators;

/// <summary>Placeholder until the generator lands.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class TableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
