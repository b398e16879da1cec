using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedStore.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using TypedStore.Catalog;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <summary>
/// The open engine behind a generated store: its column families (one per table, all opened together),
/// options, clock and disposed state. Generated code calls it; applications use the generated store instead.
/// Thread-safe: tables may be read and written from any number of threads.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class StoreRuntime : IDisposable
{
    private readonly StorageEngine _engine;
    private readonly string _storeName;
    private StoreCatalog? _catalog;
    private volatile bool _disposed;

    // The system clock is read through CoarseUtcClock; any other TimeProvider (a test's manual clock) is asked every time.
    private readonly bool _systemClock;

    private StoreRuntime(string storeName, StorageEngine engine, StoreOptions options)
    {
        _storeName = storeName;
        _engine = engine;
        Options = options;
        _systemClock = ReferenceEquals(options.TimeProvider, TimeProvider.System);
        Logger = options.LoggerFactory?.CreateLogger(StoreLog.Category) ?? NullLogger.Instance;
    }

    /// <summary>The store's name (its generated type's name): in messages, log entries and metric tags.</summary>
    internal string Name => _storeName;

    /// <summary>Where the store logs (<see cref="StoreOptions.LoggerFactory"/>; a logger that drops everything when none).</summary>
    internal ILogger Logger { get; }

    /// <summary>The options the store was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>The engine; throws <see cref="ObjectDisposedException"/> once the store is disposed.</summary>
    /// <remarks>Internal: nothing public hands out the raw engine (design §10, "Surface"); tables reach it through their contexts.</remarks>
    internal StorageEngine Engine
    {
        get
        {
            ThrowIfDisposed();
            return _engine;
        }
    }

    /// <summary>The store itself as a context (reads the latest state, commits each write): what its generated table accessors are bound to.</summary>
    public DirectContext Context => new(this);

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Opens the store's engine with <paramref name="provider"/> (one column family per table, plus the catalog's),
    /// checks the tables against the store's catalog and builds the store with <paramref name="createStore"/>: the one
    /// way every generated <c>Open</c> and <c>OpenInMemory</c> opens a store. The options are validated before the
    /// provider is called. When any step after the provider's <c>Open</c> fails (an engine without a column family the
    /// store needs, the catalog check, building the tables), everything already acquired (the engine and its LOCK
    /// file, the eviction timer) is released before the exception propagates: the same path can be opened again at once.
    /// </summary>
    /// <typeparam name="TStore">The generated store.</typeparam>
    /// <param name="storeName">The generated store's type name, for error messages.</param>
    /// <param name="provider">Opens the engine (<see cref="RocksDbEngineProvider"/>, <see cref="MemoryEngineProvider"/>, or another engine's).</param>
    /// <param name="tables">Every table of the store.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults. Validated before anything opens.</param>
    /// <param name="createStore">Builds the store (its tables) over the open runtime; runs inside the open's failure handling.</param>
    public static TStore Open<TStore>(string storeName, StorageEngineProvider provider, IReadOnlyList<TableDescriptor> tables, StoreOptions? options, Func<StoreRuntime, TStore> createStore)
        where TStore : class
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(createStore);
        StoreOptions resolved = Resolve(options);
        string[] columnFamilies = GetColumnFamilyNames(tables);

        // A provider that throws releases what it acquired itself; from the moment it returns, the engine is ours.
        StorageEngine engine = provider.Open(columnFamilies, resolved)
            ?? throw new InvalidOperationException($"The engine provider {provider.GetType().Name} returned no engine for the store '{storeName}'.");
        return Build(storeName, engine, tables, resolved, createStore, columnFamilies);
    }

    /// <summary>
    /// Wraps an engine that is already open (tests and benchmarks use engines of their own); the engine must
    /// have a column family per table. The runtime owns the engine from now on.
    /// </summary>
    internal static StoreRuntime Create(string storeName, StorageEngine engine, StoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new StoreRuntime(storeName, engine, Resolve(options));
    }

    /// <summary>
    /// Wraps an engine that is already open, with the catalog's column families and one per table
    /// (<see cref="GetColumnFamilyNames"/>), and checks <paramref name="tables"/> against the store's catalog as
    /// opening does. Once the arguments are valid the runtime owns the engine; it is disposed when the check fails.
    /// </summary>
    internal static StoreRuntime Create(string storeName, StorageEngine engine, IReadOnlyList<TableDescriptor> tables, StoreOptions? options = null)
        => Create(storeName, engine, tables, options, static runtime => runtime);

    /// <summary>
    /// <see cref="Create(string, StorageEngine, IReadOnlyList{TableDescriptor}, StoreOptions?)"/>, then builds the
    /// store with <paramref name="createStore"/> exactly as opening does: any failure disposes the runtime and the engine.
    /// </summary>
    internal static TStore Create<TStore>(string storeName, StorageEngine engine, IReadOnlyList<TableDescriptor> tables, StoreOptions? options, Func<StoreRuntime, TStore> createStore)
        where TStore : class
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(createStore);
        StoreOptions resolved = Resolve(options);
        GetColumnFamilyNames(tables);
        return Build(storeName, engine, tables, resolved, createStore, requiredColumnFamilies: null);
    }

    /// <summary>The store's catalog; only runtimes opened with their tables have one.</summary>
    internal StoreCatalog Catalog
    {
        get
        {
            ThrowIfDisposed();
            return _catalog ?? throw new InvalidOperationException($"The store '{_storeName}' was created without its catalog.");
        }
    }

    /// <summary>The column family holding <paramref name="table"/>'s rows.</summary>
    internal StorageColumnFamily GetColumnFamily(TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(table);

        // A column family the store holds but this open did not request is bound too: the index records of a store
        // whose code no longer declares an index are read this way, to drop what they describe.
        StorageEngine engine = Engine;
        return engine.TryGetStoredColumnFamily(table.Name, out StorageColumnFamily? columnFamily) ? columnFamily : engine.GetColumnFamily(table.Name);
    }

    /// <summary>Starts an atomic batch of writes across the store's tables.</summary>
    public StoreBatchRuntime CreateBatch()
    {
        ThrowIfDisposed();
        return new(this, WriteSet.Rent());
    }

    /// <summary>Captures a consistent view of every table as of now.</summary>
    public StoreSnapshotRuntime CreateSnapshot() => new(this, Engine.CreateSnapshot());

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the store is disposed.</summary>
    public void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowDisposed();
        }
    }

    [DoesNotReturn]
    private void ThrowDisposed() => throw new ObjectDisposedException(_storeName, $"The store '{_storeName}' has been disposed.");

    /// <summary>Now, as UTC ticks, from <see cref="StoreOptions.TimeProvider"/>: the <c>_updated</c> value of a write.</summary>
    /// <remarks>
    /// With <see cref="TimeProvider.System"/> (the default) the value comes from a cheaper, coarse reading of the
    /// system clock: never ahead of it, at most one OS timer tick (1–4 ms on Linux) behind it, and not decreasing
    /// on a thread. Any other provider is asked on every call and its answer used exactly.
    /// </remarks>
    public long GetUtcNowTicks() => _systemClock ? CoarseUtcClock.GetUtcNowTicks() : Options.TimeProvider.GetUtcNow().UtcTicks;

    /// <summary>Closes the engine. Safe to call more than once; every later use throws <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>The engine is closed even when stopping the background eviction throws (a custom <see cref="TimeProvider"/>'s timer).</remarks>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            // Background work first: when this returns no eviction is running, so the engine can close under nothing.
            // If it throws, the scheduler is already stopped (no eviction starts any more), so closing is still safe.
            StopBackgroundWork();
        }
        finally
        {
            _disposed = true;
            StoreMetrics.Forget(this);
            _engine.Dispose();
            StoreLog.StoreClosed(Logger, _storeName);
        }
    }

    private static StoreOptions Resolve(StoreOptions? options)
    {
        StoreOptions resolved = options ?? StoreOptions.Default;
        resolved.Validate();
        return resolved;
    }

    // The one way a store is built over an engine: the runtime takes ownership of the engine, reads and checks the
    // catalog, lets the generated code build its tables (which may start the eviction timer), then records what the
    // catalog check found new. Every step runs
    // inside this try, so no failure, wherever it happens, can leave the engine (and its LOCK file) or a timer behind.
    // A provider's engine is checked first for every column family it was asked for, so an engine that left one out
    // is refused by name instead of failing later on the first table that uses it.
    private static TStore Build<TStore>(
        string storeName, StorageEngine engine, IReadOnlyList<TableDescriptor> tables, StoreOptions options, Func<StoreRuntime, TStore> createStore, string[]? requiredColumnFamilies)
        where TStore : class
    {
        StoreRuntime? runtime = null;
        long started = Stopwatch.GetTimestamp();
        try
        {
            if (requiredColumnFamilies is not null)
            {
                ThrowIfColumnFamilyMissing(storeName, engine, requiredColumnFamilies);
            }

            runtime = new StoreRuntime(storeName, engine, options);
            StoreCatalog catalog = StoreCatalog.Open(runtime, tables);
            runtime._catalog = catalog;
            runtime.AttachOperations(tables);
            TStore store = createStore(runtime)
                ?? throw new InvalidOperationException($"The factory of store '{storeName}' returned null.");
            runtime.StartChangeFeedRetention(tables);

            runtime.ApplyIndexDeclarations(tables);

            // Last: only an open that succeeded records a new schema or options (a failed one leaves the catalog as
            // the previous build wrote it, so that build still opens the store).
            catalog.RecordDeclarations(runtime.Logger, storeName);
            StoreMetrics.Track(runtime);
            StoreLog.StoreOpened(runtime.Logger, storeName, tables.Count, engine.GetType().Name, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return store;
        }
        catch (Exception openFailure)
        {
            ReleaseAfterFailedOpen(storeName, runtime, engine, openFailure);
            throw;
        }
    }

    private static void ThrowIfColumnFamilyMissing(string storeName, StorageEngine engine, string[] requiredColumnFamilies)
    {
        HashSet<string> opened = new(StringComparer.Ordinal);
        foreach (StorageColumnFamily columnFamily in engine.ColumnFamilies)
        {
            opened.Add(columnFamily.Name);
        }

        foreach (string name in requiredColumnFamilies)
        {
            if (!opened.Contains(name))
            {
                throw new InvalidOperationException(
                    $"The engine {engine.GetType().Name} opened for the store '{storeName}' has no column family '{name}'; an engine provider must open every column family it is given.");
            }
        }
    }

    // Disposing the runtime stops the eviction timer, then closes the engine. Should closing fail as well, both
    // failures are reported together rather than the cleanup's hiding why the open failed.
    private static void ReleaseAfterFailedOpen(string storeName, StoreRuntime? runtime, StorageEngine engine, Exception openFailure)
    {
        try
        {
            if (runtime is null)
            {
                engine.Dispose();
            }
            else
            {
                runtime.Dispose();
            }
        }
        catch (Exception releaseFailure)
        {
            throw new AggregateException(
                $"Opening the store '{storeName}' failed, and so did releasing what the open had acquired; both errors are inner exceptions.",
                openFailure,
                releaseFailure);
        }
    }

    /// <summary>The column families a store with <paramref name="tables"/> opens: the catalog's, then one per table.</summary>
    internal static string[] GetColumnFamilyNames(IReadOnlyList<TableDescriptor> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        IReadOnlyList<TableDescriptor> catalog = StoreCatalog.Tables;
        List<string> names = new(catalog.Count + tables.Count + 2);
        HashSet<string> seen = new(StringComparer.Ordinal);
        for (int i = 0; i < catalog.Count; i++)
        {
            names.Add(catalog[i].Name);
            seen.Add(catalog[i].Name);
        }

        for (int i = 0; i < tables.Count; i++)
        {
            string name = tables[i].Name;
            if (TableNames.IsCatalogName(name))
            {
                throw new ArgumentException($"Table name '{name}' is reserved for the store's catalog: {TableNames.Rule}.", nameof(tables));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Two tables are named '{name}'; every table needs its own column family.", nameof(tables));
            }

            names.Add(name);
        }

        AddFeatureColumnFamilies(names, tables);
        AddIndexColumnFamilies(names, tables);
        return names.ToArray();
    }
}
