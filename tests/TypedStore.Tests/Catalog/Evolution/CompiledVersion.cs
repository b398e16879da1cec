using System.Collections.Concurrent;
using System.Reflection;
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
        Assembly assembly = DeclarationCompiler.Compile("Evolution." + version.Name, version.ToSource());
        return new CompiledVersion(version.Name, assembly.GetType("Evolution.Driver", throwOnError: true)!);
    }
}
