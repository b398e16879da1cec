namespace TypedStore;

/// <summary>
/// Marks a member as a part of its table's key. Use <c>[property: Key]</c> on a positional record parameter
/// (a plain <c>[Key]</c> on the parameter is accepted too) and <c>[Key]</c> on a property.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class KeyAttribute : Attribute
{
    /// <summary>
    /// The part's position in the key. Negative (the default) means declaration order. Set it on every key part
    /// or on none, with distinct values.
    /// </summary>
    public int Order { get; set; } = -1;

    /// <summary>When <see langword="true"/>, this part sorts in descending order (every byte of its encoding is inverted).</summary>
    public bool Descending { get; set; }

    /// <summary>When <see langword="true"/>, the store assigns this <see cref="long"/> part on <c>Insert</c>.</summary>
    public bool Generated { get; set; }
}
