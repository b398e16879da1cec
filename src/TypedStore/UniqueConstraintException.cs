namespace TypedStore;

/// <summary>
/// A write would have given two live rows of a table the same values of a unique index's members
/// (<see cref="IndexAttribute.Unique"/>). Nothing of the write (or of the batch it belongs to) was applied.
/// </summary>
public sealed class UniqueConstraintException : TypedStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UniqueConstraintException(string message)
        : base(message)
    {
    }

    /// <summary>The unique index that refused the write.</summary>
    public string? Index { get; init; }

    /// <summary>The indexed value that is already taken, rendered as <c>(part, ...)</c>.</summary>
    public string? Value { get; init; }
}
