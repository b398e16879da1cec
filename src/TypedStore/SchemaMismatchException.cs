namespace TypedStore;

/// <summary>
/// Opening a store failed because a table's declared schema cannot read the rows stored under the schema the
/// catalog recorded: a member was removed, renamed, reordered or retyped, or the key changed. Nothing was
/// written. Only appending members at the end can be done in place (docs/schema-evolution.md).
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

    /// <summary>The member (or key part) the change concerns, as the stored schema names it when it has it.</summary>
    public string Member { get; }

    /// <summary>The version of the table's schema recorded in the store.</summary>
    public int StoredVersion { get; init; }

    /// <summary>The recorded schema, in one line.</summary>
    public string? StoredSchema { get; init; }

    /// <summary>The schema this build declares, in one line.</summary>
    public string? DeclaredSchema { get; init; }
}
