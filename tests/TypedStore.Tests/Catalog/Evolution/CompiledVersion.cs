using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TypedStore.Generators;
using TypedStore.Tables;

namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// A <see cref="TableVersion"/> compiled the way a user's build compiles it (Roslyn with the TypedStore
/// generator) and loaded into the test process, so two versions of one table can open one store in turn.
/// Compiled once per version and cached: compilations are slow, versions are immutable.
/// </summary>
internal sealed class CompiledVersion
{
    private static readonly ConcurrentDictionary<string, Lazy<CompiledVersion>> s_cache = new(StringComparer.Ordinal);

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IVersionedStore).Assembly.Location),
    ];

    private readonly Type _driver;

    private CompiledVersion(string name, Type driver)
    {
        Name = name;
        _driver = driver;
    }

    public string Name { get; }

    /// <summary>The version's tables, as its generated store declares them.</summary>
    public IReadOnlyList<TableDescriptor> Descriptors => (IReadOnlyList<TableDescriptor>)_driver.GetProperty("Descriptors")!.GetValue(null)!;

    public static CompiledVersion Of(TableVersion version)
        => s_cache.GetOrAdd(version.Name, _ => new Lazy<CompiledVersion>(() => Compile(version))).Value;

    /// <summary>Opens the version's generated store on RocksDB at <paramref name="path"/>.</summary>
    public IVersionedStore Open(string path) => Invoke("Open", path);

    /// <summary>Opens the version's generated store on RocksDB at <paramref name="path"/>, read-only.</summary>
    public IVersionedStore OpenReadOnly(string path) => Invoke("OpenReadOnly", path);

    /// <summary>Binds the version's generated store to a runtime opened by the test (memory engine).</summary>
    public IVersionedStore Attach(StoreRuntime runtime) => Invoke("Attach", runtime);

    private IVersionedStore Invoke(string method, object argument)
        => (IVersionedStore)_driver.GetMethod(method)!.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [argument], null)!;

    private static CompiledVersion Compile(TableVersion version)
    {
        string assemblyName = "Evolution." + version.Name;
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(version.ToSource(), s_parseOptions, path: version.Name + ".cs")],
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        CSharpGeneratorDriver.Create([new TableGenerator().AsSourceGenerator()], parseOptions: s_parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        using var image = new MemoryStream();
        EmitResult emitted = output.Emit(image);
        Diagnostic[] problems = [.. generatorDiagnostics, .. emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        if (!emitted.Success || problems.Length > 0)
        {
            throw new InvalidOperationException($"Version '{version.Name}' does not compile cleanly:\n{string.Join('\n', problems.Select(p => p.ToString()))}");
        }

        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext(assemblyName).LoadFromStream(image);
        return new CompiledVersion(version.Name, assembly.GetType("Evolution.Driver", throwOnError: true)!);
    }
}
