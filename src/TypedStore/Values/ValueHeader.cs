namespace TypedStore.Values;

/// <summary>The decoded header of a stored value.</summary>
/// <param name="Flags">The value's flags.</param>
/// <param name="UpdatedUtcTicks">When the row was last written, in UTC ticks.</param>
public readonly record struct ValueHeader(ValueFlags Flags, long UpdatedUtcTicks)
{
    /// <summary>Whether the row is soft-deleted.</summary>
    public bool IsDeleted => (Flags & ValueFlags.Deleted) != 0;

    /// <summary>When the row was last written, as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Updated => new(UpdatedUtcTicks, TimeSpan.Zero);
}
