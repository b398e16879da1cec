using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the TypedStore generator reports. Each id has a page, docs/diagnostics/TS000N.md,
/// and a row in AnalyzerReleases.Unshipped.md.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string TableCategory = "TypedStore.Table";
    private const string KeyCategory = "TypedStore.Key";
    private const string ValueCategory = "TypedStore.Value";
    private const string StoreCategory = "TypedStore.Store";
    private const string IndexCategory = "TypedStore.Index";
    private const string HelpLinkBase = "https://github.com/typedstore/typedstore/blob/main/docs/diagnostics/";

    /// <summary>TS0001: a [Table] type has no [Key] member.</summary>
    public static readonly DiagnosticDescriptor MissingKey = Create(
        "TS0001",
        "Table has no key",
        "Table type '{0}' has no key: mark at least one member with [Key] ([property: Key] on a positional record parameter)",
        TableCategory);

    /// <summary>TS0002: a key part has a type keys cannot be encoded from.</summary>
    public static readonly DiagnosticDescriptor UnsupportedKeyType = Create(
        "TS0002",
        "Unsupported key part type",
        "Key part '{0}' of table type '{1}' has type '{2}', which cannot be a key part; use string, Guid, bool, an integer type, float, double, DateTime, DateTimeOffset, DateOnly, TimeSpan, an enum or byte[]",
        KeyCategory);

    /// <summary>TS0003: a key part is nullable.</summary>
    public static readonly DiagnosticDescriptor NullableKeyPart = Create(
        "TS0003",
        "Key part is nullable",
        "Key part '{0}' of table type '{1}' is declared nullable ('{2}'); key parts cannot be null",
        KeyCategory);

    /// <summary>TS0004: two tables of one store share a name (or the property name derived from it).</summary>
    public static readonly DiagnosticDescriptor DuplicateTableName = Create(
        "TS0004",
        "Duplicate table name",
        "Store '{0}' has two tables with the same {1}: '{2}' and '{3}'; every table needs a name and a PascalCase property name of its own",
        StoreCategory);

    /// <summary>TS0005: a table name breaks the naming rule.</summary>
    public static readonly DiagnosticDescriptor InvalidTableName = Create(
        "TS0005",
        "Invalid table name",
        "Table name '{0}' of '{1}' is invalid: {2}",
        TableCategory);

    /// <summary>TS0006: a [Store] class (or a type containing it) is not partial.</summary>
    public static readonly DiagnosticDescriptor StoreNotPartial = Create(
        "TS0006",
        "Store class is not partial",
        "Store class '{0}' must be declared partial, and so must every type containing it, so the generator can add its members",
        StoreCategory);

    /// <summary>TS0007: a value member's type cannot be formatted.</summary>
    public static readonly DiagnosticDescriptor UnsupportedValueType = Create(
        "TS0007",
        "Unsupported value member type",
        "Member '{0}' of '{1}' has type '{2}', which TypedStore cannot store: {3}",
        ValueCategory);

    /// <summary>TS0008: a User table's first key part is not a user id type.</summary>
    public static readonly DiagnosticDescriptor InvalidUserKey = Create(
        "TS0008",
        "Invalid user key",
        "User table type '{0}' must have a first key part of type string, Guid or an integer type (the owning user's id), but '{1}' is '{2}'",
        TableCategory);

    /// <summary>TS0009: TtlSeconds is set on a table that is not a Stream table.</summary>
    public static readonly DiagnosticDescriptor TtlOnNonStreamTable = Create(
        "TS0009",
        "TtlSeconds on a non-stream table",
        "Table type '{0}' sets TtlSeconds = {1} but is a {2} table; only Stream tables expire rows (use Kind = TableKind.Stream or remove TtlSeconds)",
        TableCategory);

    /// <summary>TS0010: a row or nested type cannot be constructed from its stored members.</summary>
    public static readonly DiagnosticDescriptor NoUsableConstructor = Create(
        "TS0010",
        "Type cannot be rebuilt from its members",
        "Type '{0}' cannot be rebuilt from its stored members: {1}",
        ValueCategory);

    /// <summary>TS0011: key parts mix explicit and implicit Order, or repeat a value.</summary>
    public static readonly DiagnosticDescriptor InvalidKeyOrder = Create(
        "TS0011",
        "Invalid key order",
        "Key parts of table type '{0}' have an invalid Order: set Order on every key part or on none, with distinct values",
        KeyCategory);

    /// <summary>TS0012: the [Table] type's shape cannot be a table.</summary>
    public static readonly DiagnosticDescriptor UnsupportedTableType = Create(
        "TS0012",
        "Unsupported table type",
        "Type '{0}' cannot be a table: {1}",
        TableCategory);

    /// <summary>TS0013: the [Store] class's shape cannot be generated, or it lists a type that is not a table.</summary>
    public static readonly DiagnosticDescriptor InvalidStore = Create(
        "TS0013",
        "Invalid store",
        "Store '{0}' cannot be generated: {1}",
        StoreCategory);

    /// <summary>TS0014: <c>[Key(Generated = true)]</c> is on a key part that is not a <see cref="long"/>.</summary>
    public static readonly DiagnosticDescriptor GeneratedKeyNotLong = Create(
        "TS0014",
        "Generated key part is not a long",
        "Key part '{0}' of table type '{1}' is marked Generated but has type '{2}'; generated ids are 64-bit sequence numbers, so declare it as long",
        KeyCategory);

    /// <summary>TS0015: more than one key part of a table is generated.</summary>
    public static readonly DiagnosticDescriptor MultipleGeneratedKeyParts = Create(
        "TS0015",
        "More than one generated key part",
        "Table type '{0}' marks both '{1}' and '{2}' as Generated; a table has one id sequence, so at most one key part can be generated",
        KeyCategory);

    /// <summary>TS0020: a Stream table has no key part that can hold time-ordered ids, so Append is not generated.</summary>
    public static readonly DiagnosticDescriptor StreamWithoutTimeOrderedKey = Create(
        "TS0020",
        "Stream table without a time-ordered key part",
        "Stream table type '{0}' has no time-ordered key part: {1}. Append is not generated, rows expire by their _updated time, and EvictExpired reads every row instead of range-deleting; mark one ascending long key part [Key(Generated = true)].",
        TableCategory,
        DiagnosticSeverity.Warning);

    /// <summary>TS0021: a table with a row cache has a row type whose instances can change after they are cached.</summary>
    public static readonly DiagnosticDescriptor MutableCachedRow = Create(
        "TS0021",
        "Row cache on a mutable row type",
        "Table type '{0}' has a row cache (CacheSize = {1}) but its rows can be changed after they are read: {2}. Every reader of a cached row gets the same object, so one caller's change would be seen by all and never stored; make the member init-only or readonly (a list IReadOnlyList<T>), or remove CacheSize.",
        TableCategory);

    /// <summary>TS0022: CacheSize or CacheTtlSeconds is negative, or CacheTtlSeconds is set without CacheSize.</summary>
    public static readonly DiagnosticDescriptor InvalidRowCacheOptions = Create(
        "TS0022",
        "Invalid row cache options",
        "Table type '{0}' sets {1}",
        TableCategory);

    /// <summary>TS0023: a Stream table declares a row cache.</summary>
    public static readonly DiagnosticDescriptor RowCacheOnStreamTable = Create(
        "TS0023",
        "Row cache on a Stream table",
        "Stream table type '{0}' sets CacheSize = {1}; stream rows are appended, read in ranges and expire on their own schedule, so stream tables take no row cache (remove CacheSize)",
        TableCategory);

    /// <summary>TS0030: an [Index] names a member the row type does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownIndexMember = Create(
        "TS0030",
        "Unknown index member",
        "Index '{0}' of table type '{1}' names member '{2}', which the type does not have (or which is not stored); name a stored member, with nameof",
        IndexCategory);

    /// <summary>TS0031: an index member is a key part, or of a type an index part cannot have.</summary>
    public static readonly DiagnosticDescriptor UnsupportedIndexMember = Create(
        "TS0031",
        "Unsupported index member",
        "Index '{0}' of table type '{1}' cannot index member '{2}' ('{3}'): {4}",
        IndexCategory);

    /// <summary>TS0032: two indexes of one table share a name (or the property name derived from it).</summary>
    public static readonly DiagnosticDescriptor DuplicateIndexName = Create(
        "TS0032",
        "Duplicate index name",
        "Table type '{0}' declares more than one index named '{1}' (or named so that both become the property '{2}'); give each index its own name",
        IndexCategory);

    /// <summary>TS0033: an index name breaks the naming rule (the table-name rule).</summary>
    public static readonly DiagnosticDescriptor InvalidIndexName = Create(
        "TS0033",
        "Invalid index name",
        "Index name '{0}' on table type '{1}' is invalid: {2}",
        IndexCategory);

    /// <summary>TS0034: an index on a Stream table.</summary>
    public static readonly DiagnosticDescriptor IndexOnStreamTable = Create(
        "TS0034",
        "Index on a Stream table",
        "Stream table type '{0}' declares index '{1}'; stream rows expire and are evicted by range deletes that read no rows, so stream tables take no index",
        IndexCategory);

    /// <summary>TS0035: an index lists no member.</summary>
    public static readonly DiagnosticDescriptor EmptyIndex = Create(
        "TS0035",
        "Index without members",
        "Index '{0}' of table type '{1}' lists no member; name at least one",
        IndexCategory);

    /// <summary>TS0036: an index lists a member twice.</summary>
    public static readonly DiagnosticDescriptor IndexMemberListedTwice = Create(
        "TS0036",
        "Index member listed twice",
        "Index '{0}' of table type '{1}' lists member '{2}' more than once; list each member once",
        IndexCategory);

    /// <summary>TS0040: a member that holds state but cannot be set back, so it is written and never read.</summary>
    public static readonly DiagnosticDescriptor UnstoredMember = Create(
        "TS0040",
        "Member will not be stored",
        "Member '{0}' of '{1}' will not be stored: {2}; its value is lost on every read. Make it settable ({3}), add a constructor parameter named '{0}', or make it computed (=>) if it is derived from stored members.",
        ValueCategory,
        DiagnosticSeverity.Warning);

    /// <summary>TS0041: the compilation declares [Table] types but no [Store] class, so nothing is generated for them.</summary>
    public static readonly DiagnosticDescriptor MissingStore = Create(
        "TS0041",
        "Tables without a store",
        "Table type '{0}'{1} is in no store: this assembly declares no [Store] class, so no store, table accessors or Open are generated. Declare '[Store] public partial class {2};', or ignore this warning if another assembly lists these tables in [Store(typeof(...))].",
        StoreCategory,
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>TS0042: TtlSeconds is negative.</summary>
    public static readonly DiagnosticDescriptor NegativeTtl = Create(
        "TS0042",
        "Negative TtlSeconds",
        "Table type '{0}' sets TtlSeconds = {1}; a time to live is a number of seconds (0 keeps rows forever) and cannot be negative",
        TableCategory);

    /// <summary>TS0043: [Key] or [Index] on a type without [Table]: the attribute does nothing.</summary>
    public static readonly DiagnosticDescriptor AttributeOutsideTable = Create(
        "TS0043",
        "Table attribute on a type that is not a table",
        "'{0}' has [{1}] on {2}, but '{0}' has no [Table] attribute, so [{1}] does nothing; add [Table(\"name\")] to '{0}' to make it a table, or remove [{1}]",
        TableCategory,
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>TS0044: the store class declares a member the generator adds to it (or a constructor, which would leave it without its engine).</summary>
    public static readonly DiagnosticDescriptor StoreMemberClash = Create(
        "TS0044",
        "Store declares a generated member",
        "Store '{0}' declares '{1}', {2}; rename or remove it",
        StoreCategory);

    /// <summary>TS0045: Kind is a value that is not a <c>TableKind</c>.</summary>
    public static readonly DiagnosticDescriptor UndefinedTableKind = Create(
        "TS0045",
        "Undefined table kind",
        "Table type '{0}' has Kind = {1}, which is not a TableKind; use TableKind.Shared, TableKind.System, TableKind.User or TableKind.Stream",
        TableCategory);

    /// <summary>TS0046: [Key] on a member the generator does not read (static, inaccessible, write-only).</summary>
    public static readonly DiagnosticDescriptor KeyOnUnstoredMember = Create(
        "TS0046",
        "Key on a member that is not stored",
        "Member '{0}' of table type '{1}' is marked [Key] but cannot be a key part: {2}",
        KeyCategory);

    /// <summary>Every descriptor above: what the declaration analyzer supports.</summary>
    public static System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        MissingKey, UnsupportedKeyType, NullableKeyPart, DuplicateTableName, InvalidTableName, StoreNotPartial, UnsupportedValueType,
        InvalidUserKey, TtlOnNonStreamTable, NoUsableConstructor, InvalidKeyOrder, UnsupportedTableType, InvalidStore, GeneratedKeyNotLong,
        MultipleGeneratedKeyParts, StreamWithoutTimeOrderedKey, MutableCachedRow, InvalidRowCacheOptions, RowCacheOnStreamTable, UnknownIndexMember, UnsupportedIndexMember, DuplicateIndexName,
        InvalidIndexName, IndexOnStreamTable, EmptyIndex, IndexMemberListedTwice, UnstoredMember, MissingStore, NegativeTtl,
        AttributeOutsideTable, StoreMemberClash, UndefinedTableKind, KeyOnUnstoredMember,
    ];

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity = DiagnosticSeverity.Error, params string[] customTags)
        => new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: customTags);
}
