using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TypedStore.Generators;

namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// Compiles one declaration of a store the way a user's build compiles it (Roslyn with the TypedStore generator)
/// and loads it into the test process in a context of its own, so two declarations of one table can open one
/// store in turn.
/// </summary>
internal static class DeclarationCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DeclarationCompiler).Assembly.Location),
    ];

    /// <summary>Compiles <paramref name="source"/>; any warning or error other than <paramref name="allowedWarnings"/> fails.</summary>
    public static Assembly Compile(string assemblyName, string source, params string[] allowedWarnings)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, s_parseOptions, path: assemblyName + ".cs")],
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        CSharpGeneratorDriver.Create([new TableGenerator().AsSourceGenerator()], parseOptions: s_parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        using var image = new MemoryStream();
        EmitResult emitted = output.Emit(image);
        Diagnostic[] problems =
        [
            .. generatorDiagnostics.Concat(emitted.Diagnostics)
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Severity == DiagnosticSeverity.Error || !allowedWarnings.Contains(d.Id))),
        ];
        if (!emitted.Success || problems.Length > 0)
        {
            throw new InvalidOperationException($"'{assemblyName}' does not compile cleanly:\n{string.Join('\n', problems.Select(p => p.ToString()))}");
        }

        image.Position = 0;
        return new AssemblyLoadContext(assemblyName).LoadFromStream(image);
    }
}
