namespace TypedStore.Tables;

/// <summary>
/// A record, class or struct nested in a table's rows, as stored: its members in the order they are stored.
/// Nested values are positional arrays like rows, so the same rules apply to them (docs/schema-evolution.md).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class SchemaObjectType
{
    private readonly SchemaMember[] _members;

    /// <summary>Describes a nested type.</summary>
    /// <param name="type">The type, spelled as in docs/schema-evolution.md.</param>
    /// <param name="members">Its stored members, in the order they are stored.</param>
    /// <exception cref="ArgumentException">A name or type is missing, or two members share a name.</exception>
    public SchemaObjectType(string type, IReadOnlyList<SchemaMember> members)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(members);
        Type = type;
        _members = new SchemaMember[members.Count];
        HashSet<string> names = new(StringComparer.Ordinal);
        for (int i = 0; i < _members.Length; i++)
        {
            SchemaMember member = members[i];
            if (string.IsNullOrEmpty(member.Name) || string.IsNullOrEmpty(member.Type) || !names.Add(member.Name))
            {
                throw new ArgumentException($"Every member of nested type '{type}' needs a name of its own and a type.", nameof(members));
            }

            _members[i] = member;
        }
    }

    /// <summary>The type's name.</summary>
    public string Type { get; }

    /// <summary>Its stored members, in the order they are stored.</summary>
    public IReadOnlyList<SchemaMember> Members => _members;

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({string.Join(", ", _members)})";
}
