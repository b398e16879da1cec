using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedStore.Generators.Diagnostics;

namespace TypedStore.Generators.Analysis;

/// <summary>
/// Reports the declaration rules of [Table] types and [Store] classes, and the compilation-wide ones (tables without a
/// store, table attributes on types that are not tables).
/// </summary>
/// <remarks>
/// The rules are not written twice: each declaration is run through the generator's own parsers
/// (<see cref="Parsing.TableParser"/>, <see cref="Parsing.StoreParser"/>), whose diagnostics the generator keeps in its
/// models but does not report. Reporting them from an analyzer lets code fixes act on them
/// (TypedStore.Generators.CodeFixes) and keeps them out of the generator's outputs. The generator reports only the
/// rules about a store's set of tables (duplicate names, names that clash with generated members), which need every
/// table at once. docs/diagnostics/README.md says which rule is reported where.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Nothing to check in a compilation that does not reference TypedStore.
            if (start.Compilation.GetTypeByMetadataName(Parsing.KnownTypes.TableAttributeName) is null)
            {
                return;
            }

            CompilationDeclarations declarations = new(start.Compilation);
            start.RegisterSymbolAction(declarations.AnalyzeType, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(declarations.ReportCompilationRules);
        });
    }
}
