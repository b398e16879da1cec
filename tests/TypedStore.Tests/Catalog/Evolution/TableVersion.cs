namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// One version of the evolving table "items": the record as declared, and the expressions its driver uses to
/// write a sample row for an <c>id</c>, to build its key from <c>id</c>, and to render a row <c>r</c>.
/// </summary>
internal sealed record TableVersion(string Name, string Record, string Write, string Key, string Render)
{
    /// <summary>The compilation unit: the record, a store holding it, and a driver implementing <see cref="IVersionedStore"/>.</summary>
    public string ToSource() => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using TypedStore;
        using TypedStore.Tables;
        using TypedStore.Tests.Catalog.Evolution;

        namespace Evolution;

        [Table("items")]
        {{Record}}

        [Store(typeof(Item))]
        public sealed partial class EvolvingStore
        {
            public static EvolvingStore Attach(StoreRuntime runtime) => new(runtime);

            public static IReadOnlyList<TableDescriptor> Descriptors => s_tables;
        }

        public sealed class Driver : IVersionedStore
        {
            private readonly EvolvingStore _store;

            private Driver(EvolvingStore store) => _store = store;

            public static IVersionedStore Open(string path) => new Driver(EvolvingStore.Open(path));

            public static IVersionedStore OpenReadOnly(string path) => new Driver(EvolvingStore.Open(path, new StoreOptions { ReadOnly = true }));

            public static IVersionedStore Attach(StoreRuntime runtime) => new Driver(EvolvingStore.Attach(runtime));

            public static IReadOnlyList<TableDescriptor> Descriptors => EvolvingStore.Descriptors;

            public void Write(string id) => _store.Items.Put({{Write}});

            public string? Read(string id) => _store.Items.Get({{Key}}) is { } r ? Render(r) : null;

            public IReadOnlyList<string> ReadAll() => _store.Items.ScanAll().Select(Render).ToList();

            public void Dispose() => _store.Dispose();

            private static string Render(Item r) => {{Render}};
        }
        """;
}
