using System.Collections.Immutable;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedStore.Generators;

namespace TypedStore.Docs.Tests;

/// <summary>
/// Compiles doc blocks the way a user's project compiles them: C# latest, nullable on, the SDK's implicit usings of a
/// console app, the TypedStore generator, and references to .NET 10, TypedStore, TypedStore.Hosting and the
/// Microsoft.Extensions assemblies.
/// </summary>
internal static class DocCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    // What `<ImplicitUsings>enable</ImplicitUsings>` gives a console app.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly ImmutableArray<MetadataReference> s_references = CreateReferences();

    // The SDK suppresses these for every project (assembly unification of older package targets).
    private static readonly ImmutableDictionary<string, ReportDiagnostic> s_sdkSuppressions = ImmutableDictionary<string, ReportDiagnostic>.Empty
        .Add("CS1701", ReportDiagnostic.Suppress)
        .Add("CS1702", ReportDiagnostic.Suppress);

    /// <summary>Merges <paramref name="blocks"/> into one file: usings first, then statements in order, then declarations.</summary>
    public static string Merge(IReadOnlyList<DocBlock> blocks)
    {
        if (blocks.Count == 1)
        {
            return blocks[0].Code;
        }

        List<string> usings = [];
        StringBuilder statements = new();
        StringBuilder declarations = new();
        foreach (DocBlock block in blocks)
        {
            CompilationUnitSyntax unit = CSharpSyntaxTree.ParseText(block.Code, s_parseOptions).GetCompilationUnitRoot();
            foreach (UsingDirectiveSyntax directive in unit.Usings)
            {
                string text = directive.ToFullString().Trim();
                if (!usings.Contains(text))
                {
                    usings.Add(text);
                }
            }

            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                (member is GlobalStatementSyntax ? statements : declarations).AppendLine(member.ToFullString().TrimEnd());
            }
        }

        return $"{string.Join('\n', usings)}\n\n{statements}\n{declarations}";
    }

    /// <summary>The generator's diagnostics and the compilation's warnings and errors, for <paramref name="code"/>.</summary>
    public static ImmutableArray<Diagnostic> Compile(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, s_parseOptions, "Block.cs");
        bool hasStatements = tree.GetCompilationUnitRoot().Members.Any(member => member is GlobalStatementSyntax);
        CSharpCompilationOptions options = new CSharpCompilationOptions(
                hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(s_sdkSuppressions);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "DocBlock",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, s_parseOptions, "ImplicitUsings.cs")],
            s_references,
            options);

        // What a consumer's build runs: the generator, and the analyzer that reports the declaration rules (TS0001...).
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new TableGenerator().AsSourceGenerator()], parseOptions: s_parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new Generators.Analysis.DeclarationAnalyzer()])
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();
        return
        [
            .. generatorDiagnostics,
            .. analyzerDiagnostics,
            .. output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning),
        ];
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        // The test's own output folder holds exactly the assemblies a consumer of TypedStore.Hosting compiles against
        // (and the generator, which a consumer does not reference: it runs as an analyzer).
        string folder = AppContext.BaseDirectory;
        IEnumerable<string> assemblies = Directory.EnumerateFiles(folder, "Microsoft.Extensions.*.dll")
            .Concat([
                Path.Combine(folder, "TypedStore.dll"),
                Path.Combine(folder, "TypedStore.Hosting.dll"),
                typeof(MessagePack.MessagePackWriter).Assembly.Location,
            ]);
        return [.. Net100.References.All, .. assemblies.Select(path => MetadataReference.CreateFromFile(path))];
    }
}
