using TypedStore;

namespace TypedStore.Tests.EndToEnd;

public enum Mood : short
{
    Sad = -1,
    Calm = 0,
    Happy = 1,
}

public sealed record Address(string City, string? Zip);

/// <summary>A recursive type: its formatter calls itself.</summary>
public sealed record TreeNode(string Name, List<TreeNode> Children);

public struct Point
{
    public int X { get; set; }

    public int Y { get; set; }
}

/// <summary>Every kind of value member: nested records (nullable too), collections of them, nullables, primitives.</summary>
[Table("profiles")]
public sealed record Profile(
    [property: Key] Guid ProfileId,
    Address Home,
    Address? Work,
    List<Address> Previous,
    Dictionary<string, List<int>> Scores,
    int? Age,
    string? Nickname,
    int[][] Matrix,
    HashSet<string> Tags,
    Mood Mood,
    Mood? LastMood,
    decimal Balance,
    DateTimeOffset Joined,
    DateOnly Birthday,
    TimeOnly WakeUp,
    TimeSpan Session,
    byte[] Avatar,
    char Initial,
    TreeNode Tree,
    Point Location,
    Point? Target,
    IReadOnlyList<string> Aliases,
    float Ratio,
    DateTime LastSeen);

/// <summary>A class set through init accessors (and one plain setter).</summary>
[Table("settings")]
public sealed class Setting
{
    [Key]
    public string Name { get; init; } = "";

    public string Value { get; init; } = "";

    public int Version { get; set; }

    public List<string>? History { get; init; }
}

/// <summary>A class with get-only properties, rebuilt through its constructor; the computed member is not stored.</summary>
[Table("counters")]
public sealed class Counter
{
    public Counter(string id, long value, string? label)
    {
        Id = id;
        Value = value;
        Label = label;
    }

    [Key]
    public string Id { get; }

    public long Value { get; }

    public string? Label { get; }

    public string Display => $"{Id}={Value}";
}

/// <summary>Every key part type, in one key.</summary>
[Table("key_zoo")]
public sealed record KeyZoo(
    [property: Key] bool Flag,
    [property: Key] byte U8,
    [property: Key] sbyte I8,
    [property: Key] short I16,
    [property: Key] ushort U16,
    [property: Key] int I32,
    [property: Key] uint U32,
    [property: Key] long I64,
    [property: Key] ulong U64,
    [property: Key] float F32,
    [property: Key] double F64,
    [property: Key] DateTime When,
    [property: Key] DateTimeOffset WhenOffset,
    [property: Key] DateOnly Day,
    [property: Key] TimeSpan Span,
    [property: Key] Mood Mood,
    [property: Key] byte[] Raw,
    [property: Key] Guid Id,
    [property: Key] string Text,
    string Payload);

[Store(typeof(Profile), typeof(Setting), typeof(Counter), typeof(KeyZoo))]
public sealed partial class ShapesStore;
