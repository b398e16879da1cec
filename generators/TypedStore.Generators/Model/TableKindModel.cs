namespace TypedStore.Generators.Model;

/// <summary>
/// A table's kind as the generator models it. The same members and values as <c>TypedStore.TableKind</c> (the
/// generator, a netstandard2.0 analyzer, cannot reference the runtime); emitted as <c>global::TypedStore.TableKind.{name}</c>.
/// </summary>
internal enum TableKindModel
{
    /// <summary>One global keyspace (the default).</summary>
    Shared = 0,

    /// <summary>The store's metadata; writes always synced.</summary>
    System = 1,

    /// <summary>The first key part is the owning user's id.</summary>
    User = 2,

    /// <summary>Append-mostly, time-ordered, with a TTL.</summary>
    Stream = 3,
}
