namespace TypedStore.Cli.Reading;

/// <summary>The forms a <see cref="StoredType"/> takes.</summary>
internal enum StoredTypeKind
{
    /// <summary>A built-in or system scalar (<c>int</c>, <c>string</c>, <c>System.Guid</c>, ...).</summary>
    Scalar,

    /// <summary>An enum, stored as its underlying integer.</summary>
    Enum,

    /// <summary><c>T?</c>: nil or the value.</summary>
    Nullable,

    /// <summary>An array, list or set: a MessagePack array of elements.</summary>
    Collection,

    /// <summary>A dictionary: a MessagePack map.</summary>
    Dictionary,

    /// <summary>A record, class or struct: an array of its members, described by the schema's object types.</summary>
    Object,
}
