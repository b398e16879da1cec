using System.Globalization;

namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>
/// One declaration of table "items": the same record (so the same schema) under different table options and key
/// flags. Only what <see cref="TableAttribute"/> and <see cref="KeyAttribute.Generated"/> say differs.
/// </summary>
internal sealed record OptionsDeclaration(string Name, TableKind Kind = TableKind.Shared, bool SoftDelete = false, int TtlSeconds = 0, bool ChangeFeed = false, bool Generated = false)
{
    public static readonly OptionsDeclaration Plain = new(nameof(Plain));
    public static readonly OptionsDeclaration SoftDeleteOn = new(nameof(SoftDeleteOn), SoftDelete: true);
    public static readonly OptionsDeclaration ChangeFeedOn = new(nameof(ChangeFeedOn), ChangeFeed: true);
    public static readonly OptionsDeclaration SharedGenerated = new(nameof(SharedGenerated), Generated: true);
    public static readonly OptionsDeclaration System = new(nameof(System), Kind: TableKind.System);
    public static readonly OptionsDeclaration User = new(nameof(User), Kind: TableKind.User);
    public static readonly OptionsDeclaration StreamGenerated = new(nameof(StreamGenerated), Kind: TableKind.Stream, TtlSeconds: 60, Generated: true);
    public static readonly OptionsDeclaration StreamGeneratedLongerTtl = new(nameof(StreamGeneratedLongerTtl), Kind: TableKind.Stream, TtlSeconds: 3600, Generated: true);
    public static readonly OptionsDeclaration StreamPlain = new(nameof(StreamPlain), Kind: TableKind.Stream, TtlSeconds: 60);

    public static IReadOnlyList<OptionsDeclaration> All { get; } =
        [Plain, SoftDeleteOn, ChangeFeedOn, SharedGenerated, System, User, StreamGenerated, StreamGeneratedLongerTtl, StreamPlain];

    public static OptionsDeclaration Named(string name) => All.Single(d => d.Name == name);

    /// <summary>The compilation unit: the record, a store holding it, and a driver implementing <see cref="IOptionsStore"/>.</summary>
    public string ToSource()
    {
        string options = $"Kind = TableKind.{Kind}, SoftDelete = {Bool(SoftDelete)}, TtlSeconds = {TtlSeconds.ToString(CultureInfo.InvariantCulture)}, ChangeFeed = {Bool(ChangeFeed)}";
        string idKey = Generated ? "[property: Key(Generated = true)]" : "[property: Key]";
        string insert = (Generated, Kind) switch
        {
            (true, TableKind.Stream) => "_store.Items.Append(new Item(\"o\", 0, text)).Id",
            (true, _) => "_store.Items.Insert(new Item(\"o\", 0, text)).Id",
            _ => "throw new NotSupportedException()",
        };
        string purge = SoftDelete ? "_store.Items.Purge(\"o\", id)" : "throw new NotSupportedException()";
        string evict = Kind == TableKind.Stream ? "_store.Items.EvictExpired()" : "throw new NotSupportedException()";
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using TypedStore;
            using TypedStore.Tables;
            using TypedStore.Tests.Catalog.TableOptions;

            namespace Options;

            [Table("items", {{options}})]
            public sealed record Item([property: Key] string Owner, {{idKey}} long Id, string Text);

            [Store(typeof(Item))]
            public sealed partial class OptionsStore
            {
                public static OptionsStore Attach(StoreRuntime runtime) => new(runtime);

                public static IReadOnlyList<TableDescriptor> Descriptors => s_tables;
            }

            public sealed class Driver : IOptionsStore
            {
                private readonly OptionsStore _store;

                private Driver(OptionsStore store) => _store = store;

                public static IOptionsStore Open(string path) => new Driver(OptionsStore.Open(path));

                public static IOptionsStore OpenReadOnly(string path) => new Driver(OptionsStore.Open(path, new StoreOptions { ReadOnly = true }));

                public static IOptionsStore Attach(StoreRuntime runtime) => new Driver(OptionsStore.Attach(runtime));

                public static IReadOnlyList<TableDescriptor> Descriptors => OptionsStore.Descriptors;

                public void Put(long id, string text) => _store.Items.Put(new Item("o", id, text));

                public long Insert(string text) => {{insert}};

                public void Delete(long id) => _store.Items.Delete("o", id);

                public void Purge(long id) => {{purge}};

                public string? Get(long id) => _store.Items.Get("o", id) is { } r ? Render(r) : null;

                public long Count() => _store.Items.Count();

                public IReadOnlyList<string> ReadAll() => _store.Items.ScanAll().Select(Render).ToList();

                public void EvictExpired() => {{evict}};

                public void Dispose() => _store.Dispose();

                private static string Render(Item r) => $"{r.Id}|{r.Text}";
            }
            """;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
