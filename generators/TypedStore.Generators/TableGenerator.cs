using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedStore.Generators.Emitting;
using TypedStore.Generators.Model;
using TypedStore.Generators.Parsing;

namespace TypedStore.Generators;

/// <summary>
/// The TypedStore source generator. [Table] types and [Store] classes are found with
/// ForAttributeWithMetadataName, parsed into small equatable models (no symbols, syntax or compilations
/// survive a step), combined per store, and emitted as one file per store and one per table of it. The declaration
/// diagnostics are reported by <see cref="Analysis.DeclarationAnalyzer"/>; only the store-wide ones are reported here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<TableParseResult> tableResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.TableAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => TableParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.TableParseResults);

        // The diagnostics of each [Table] and [Store] declaration travel in the parse results but are reported by
        // DeclarationAnalyzer, which runs the same parser: analyzer diagnostics can carry code fixes and do not make
        // the generator's outputs depend on every declaration's diagnostics. The generator reports only the rules
        // about a store's set of tables (StoreAssembler), which need every table at once.
        IncrementalValueProvider<ImmutableArray<TableModel>> allTables = tableResults
            .Where(static result => result.Table is not null)
            .Select(static (result, _) => result.Table!)
            .WithTrackingName(TrackingNames.TableModels)
            .Collect()
            .WithTrackingName(TrackingNames.AllTables);

        IncrementalValuesProvider<StoreParseResult> storeResults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.StoreAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => StoreParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.StoreParseResults);

        IncrementalValuesProvider<StoreSpec> storeSpecs = storeResults
            .Combine(allTables)
            .WithTrackingName(TrackingNames.StoresWithTables)
            .Select(static (input, cancellationToken) => StoreAssembler.Assemble(input, cancellationToken))
            .WithTrackingName(TrackingNames.StoreSpecs);

        // The store's own file: schemas, descriptors, Open, the batch and snapshot shells. It reads every table.
        context.RegisterSourceOutput(storeSpecs, static (sourceContext, spec) =>
        {
            Report(sourceContext, spec.Diagnostics);
            if (spec.Store is { } store)
            {
                sourceContext.AddSource(store.HintName, StoreEmitter.Emit(store, spec.Tables));
            }
        });

        // One file per table of each store. Each spec holds its table and the store's names only, so an edit of one
        // table leaves the other tables' specs equal: their files stay cached, and only the edited table's file and
        // the store's file are emitted again.
        IncrementalValuesProvider<TableFileSpec> tableFiles = storeSpecs
            .SelectMany(static (spec, cancellationToken) => StoreAssembler.SplitTables(spec, cancellationToken))
            .WithTrackingName(TrackingNames.TableFiles);

        context.RegisterSourceOutput(tableFiles, static (sourceContext, spec) => sourceContext.AddSource(spec.HintName, TableEmitter.Emit(spec)));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
