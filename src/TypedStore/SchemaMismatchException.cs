namespace TypedStore;

/// <summary>
/// Opening a store failed because a table's declaration cannot read the rows stored under what the catalog
/// recorded: a member was removed, renamed, reordered or retyped, the key changed (a part's type, order,
/// direction, or whether it is generated), the kind changed (other than Shared ↔ System), or SoftDelete was turned
/// off while rows are marked deleted; or the store lacks a declared table and the open may not add it
/// (<see cref="SchemaChange"/>). Nothing was written. See docs/schema-evolution.md for what can change in place.
/// </summary>
public sealed class SchemaMismatchException : TypedStoreException
{
    /// <summary>Creates the exception for one incompatible change of one table.</summary>
    /// <param name="message">The full explanation.</param>
    /// <param name="change">What changed.</param>
    /// <param name="member">The member (or key part) concerned.</param>
    public SchemaMismatchException(string message, SchemaChange change, string member)
        : base(message)
    {
        Change = change;
        Member = member;
    }

    /// <summary>What changed.</summary>
    public SchemaChange Change { get; }

    /// <summary>
    /// The member (or key part) the change concerns, as the stored schema names it when it has it; for a change of
    /// a table option, the option (<c>Kind</c>, <c>SoftDelete</c>); empty for <see cref="SchemaChange.TableMissing"/>.
    /// </summary>
    public string Member { get; }

    /// <summary>The version of the table's schema recorded in the store.</summary>
    public int StoredVersion { get; init; }

    /// <summary>The recorded schema (for a change of a table option: the recorded kind and options), in one line.</summary>
    public string? StoredSchema { get; init; }

    /// <summary>The schema (for a change of a table option: the kind and options) this build declares, in one line.</summary>
    public string? DeclaredSchema { get; init; }
}
