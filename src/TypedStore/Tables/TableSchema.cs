using System.Text;

namespace TypedStore.Tables;

/// <summary>
/// The shape of a table's rows as the generator saw it at compile time: the key parts in key order and the
/// stored non-key members in value order, with their names and types. Opening a store compares it with the
/// schema recorded in the store's catalog (docs/schema-evolution.md).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class TableSchema
{
    private readonly SchemaKeyPart[] _keyParts;
    private readonly SchemaMember[] _members;
    private readonly SchemaObjectType[] _objectTypes;

    /// <summary>Describes a table's rows.</summary>
    /// <param name="keyParts">The key parts, in key order; at least one.</param>
    /// <param name="members">The stored non-key members, in the order they are stored.</param>
    /// <param name="objectTypes">The records, classes and structs nested in the members (at any depth), each once.</param>
    /// <exception cref="ArgumentException">
    /// A name or type is missing, there is no key part, two parts or members share a name, or a nested type is listed twice.
    /// </exception>
    public TableSchema(IReadOnlyList<SchemaKeyPart> keyParts, IReadOnlyList<SchemaMember> members, IReadOnlyList<SchemaObjectType>? objectTypes = null)
    {
        ArgumentNullException.ThrowIfNull(keyParts);
        ArgumentNullException.ThrowIfNull(members);
        if (keyParts.Count == 0)
        {
            throw new ArgumentException("A table schema needs at least one key part.", nameof(keyParts));
        }

        _keyParts = new SchemaKeyPart[keyParts.Count];
        _members = new SchemaMember[members.Count];
        HashSet<string> names = new(StringComparer.Ordinal);
        for (int i = 0; i < _keyParts.Length; i++)
        {
            SchemaKeyPart part = keyParts[i];
            Require(part.Name, part.Type, names, nameof(keyParts));
            _keyParts[i] = part;
        }

        for (int i = 0; i < _members.Length; i++)
        {
            SchemaMember member = members[i];
            Require(member.Name, member.Type, names, nameof(members));
            _members[i] = member;
        }

        _objectTypes = objectTypes is null ? [] : new SchemaObjectType[objectTypes.Count];
        HashSet<string> typeNames = new(StringComparer.Ordinal);
        for (int i = 0; i < _objectTypes.Length; i++)
        {
            SchemaObjectType type = objectTypes![i] ?? throw new ArgumentException("A nested type is missing.", nameof(objectTypes));
            if (!typeNames.Add(type.Type))
            {
                throw new ArgumentException($"Nested type '{type.Type}' is listed twice.", nameof(objectTypes));
            }

            _objectTypes[i] = type;
        }
    }

    /// <summary>The key parts, in key order.</summary>
    public IReadOnlyList<SchemaKeyPart> KeyParts => _keyParts;

    /// <summary>The stored non-key members, in the order they are stored.</summary>
    public IReadOnlyList<SchemaMember> Members => _members;

    /// <summary>The records, classes and structs nested in the members, at any depth.</summary>
    public IReadOnlyList<SchemaObjectType> ObjectTypes => _objectTypes;

    /// <summary>The nested type named <paramref name="type"/>, or <see langword="null"/>.</summary>
    public SchemaObjectType? FindObjectType(string type)
    {
        foreach (SchemaObjectType candidate in _objectTypes)
        {
            if (candidate.Type == type)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The position of the key part named <paramref name="name"/>; -1 when there is none.</summary>
    public int IndexOfKeyPart(string name)
    {
        for (int i = 0; i < _keyParts.Length; i++)
        {
            if (_keyParts[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The schema in one line, e.g. <c>key(Id: string) members(Name: string, Home: Address)</c>, followed by
    /// <c> types(Address(City: string, Zip: string))</c> when members nest records, classes or structs.
    /// </summary>
    public override string ToString()
    {
        StringBuilder text = new("key(");
        text.AppendJoin(", ", _keyParts).Append(") members(").AppendJoin(", ", _members).Append(')');
        if (_objectTypes.Length > 0)
        {
            text.Append(" types(").AppendJoin(", ", _objectTypes).Append(')');
        }

        return text.ToString();
    }

    private static void Require(string? name, string? type, HashSet<string> names, string parameter)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
        {
            throw new ArgumentException("Every key part and member of a table schema needs a name and a type.", parameter);
        }

        if (!names.Add(name))
        {
            throw new ArgumentException($"'{name}' appears twice in the table schema.", parameter);
        }
    }
}
