namespace TypedStore.Values;

/// <summary>
/// A row's value would be larger than <see cref="ValueLimits.MaxValueLength"/>. Thrown before anything is
/// written: the row, its batch and the store are as they were.
/// </summary>
public sealed class ValueTooLargeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was too large, with the limit.</param>
    /// <param name="length">The size, in bytes, the value would have reached (at least).</param>
    /// <param name="innerException">The writer's exception, when this one adds the table and member.</param>
    public ValueTooLargeException(string message, long length, Exception? innerException = null)
        : base(message, innerException)
    {
        Length = length;
    }

    /// <summary>The table the row was written to; <see langword="null"/> when raised by a value writer on its own.</summary>
    public string? Table { get; init; }

    /// <summary>
    /// The top-level member whose value did not fit (for a nested record or a collection, the member holding it);
    /// <see langword="null"/> when unknown.
    /// </summary>
    public string? Member { get; init; }

    /// <summary>The size, in bytes, the value would have reached (at least).</summary>
    public long Length { get; }

    /// <summary>The limit: <see cref="ValueLimits.MaxValueLength"/>.</summary>
    public int Limit => ValueLimits.MaxValueLength;
}
