namespace TypedStore.Generators.Model;

/// <summary>How a value member is formatted (docs/value-format.md).</summary>
internal enum ValueKind
{
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Char,
    Decimal,
    String,
    Bytes,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Enum,
    Nullable,
    Array,
    List,
    HashSet,
    Dictionary,
    Object,
}
