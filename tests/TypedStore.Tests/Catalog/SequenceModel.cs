using TypedStore.Tables;

namespace TypedStore.Tests.Catalog;

/// <summary>A record: Insert copies it with <c>row with { Id = id }</c>.</summary>
[Table("tickets")]
public sealed record Ticket([property: Key(Generated = true)] long Id, string Title);

/// <summary>A user table whose generated part sorts descending: a user's newest note comes first.</summary>
[Table("notes", Kind = TableKind.User)]
public sealed record Note([property: Key] string UserId, [property: Key(Generated = true, Descending = true)] long NoteId, string Text);

/// <summary>A class set by initializers: Insert rebuilds it.</summary>
[Table("invoices")]
public sealed class Invoice
{
    [Key(Generated = true)]
    public long Number { get; init; }

    public string Customer { get; init; } = "";

    public decimal Total { get; init; }
}

/// <summary>A class whose members only its constructor sets: Insert rebuilds it through the constructor.</summary>
[Table("orders")]
public sealed class Order(long id, string item)
{
    [Key(Generated = true)]
    public long Id { get; } = id;

    public string Item { get; } = item;
}

/// <summary>A record struct: <c>with</c> works for structs too.</summary>
[Table("marks")]
public readonly record struct Mark([property: Key(Generated = true)] long Id, string Label);

[Store(typeof(Ticket), typeof(Note), typeof(Invoice), typeof(Order), typeof(Mark))]
public sealed partial class SequenceStore
{
    /// <summary>The store's tables, for tests that open the store over an engine of their own.</summary>
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    /// <summary>The runtime, for tests that reach the engine (checkpoints) or the catalog.</summary>
    internal StoreRuntime Runtime => _runtime;

    /// <summary>Binds the store to a runtime a test opened (over a shared in-memory engine).</summary>
    internal static SequenceStore Attach(StoreRuntime runtime) => new(runtime);
}
