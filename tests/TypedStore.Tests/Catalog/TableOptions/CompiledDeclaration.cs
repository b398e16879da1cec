using System.Collections.Concurrent;
using System.Reflection;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;

namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>An <see cref="OptionsDeclaration"/> compiled with the generator and loaded; compiled once per declaration.</summary>
internal sealed class CompiledDeclaration
{
    private static readonly ConcurrentDictionary<string, Lazy<CompiledDeclaration>> s_cache = new(StringComparer.Ordinal);

    private readonly Type _driver;

    private CompiledDeclaration(Type driver)
    {
        _driver = driver;
    }

    /// <summary>The declaration's tables, as its generated store declares them.</summary>
    public IReadOnlyList<TableDescriptor> Descriptors => (IReadOnlyList<TableDescriptor>)_driver.GetProperty("Descriptors")!.GetValue(null)!;

    public static CompiledDeclaration Of(OptionsDeclaration declaration)
        => s_cache.GetOrAdd(declaration.Name, _ => new Lazy<CompiledDeclaration>(() => Compile(declaration))).Value;

    /// <summary>Opens the generated store on RocksDB at <paramref name="path"/>.</summary>
    public IOptionsStore Open(string path) => Invoke("Open", path);

    /// <summary>Opens the generated store on RocksDB at <paramref name="path"/>, read-only.</summary>
    public IOptionsStore OpenReadOnly(string path) => Invoke("OpenReadOnly", path);

    /// <summary>Binds the generated store to a runtime opened by the test (memory engine).</summary>
    public IOptionsStore Attach(StoreRuntime runtime) => Invoke("Attach", runtime);

    private IOptionsStore Invoke(string method, object argument)
        => (IOptionsStore)_driver.GetMethod(method)!.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [argument], null)!;

    // TS0020: a Stream table without a generated key part (rows age by _updated) is declared on purpose.
    private static CompiledDeclaration Compile(OptionsDeclaration declaration)
        => new(DeclarationCompiler.Compile("Options." + declaration.Name, declaration.ToSource(), "TS0020").GetType("Options.Driver", throwOnError: true)!);
}
