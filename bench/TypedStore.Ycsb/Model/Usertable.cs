namespace TypedStore.Ycsb.Model;

/// <summary>
/// YCSB's <c>usertable</c> row: the key <c>user&lt;hash&gt;</c> and ten 100-character string fields (YCSB's
/// <c>fieldcount=10</c>, <c>fieldlength=100</c>). TypedStore stores it as a table; the other contenders either map it
/// the way their docs teach (LiteDB, ZoneTree, SQLite) or store <see cref="UsertableCodec"/>'s bytes (key-value stores).
/// </summary>
[Table("usertable")]
public sealed record Usertable(
    [property: Key] string Key,
    string Field0,
    string Field1,
    string Field2,
    string Field3,
    string Field4,
    string Field5,
    string Field6,
    string Field7,
    string Field8,
    string Field9);

/// <summary>The store TypedStore's contenders open: this table alone (the cached contender has its own, <see cref="CachedYcsbStore"/>).</summary>
[Store(typeof(Usertable))]
public sealed partial class YcsbStore;
