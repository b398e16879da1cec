using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// The key and value pools the random operations draw from: small enough that keys collide (so reads, overwrites,
/// deletes and prefix scans meet earlier writes), and made of edge values: empty strings, embedded NUL and U+FFFF,
/// ids that are prefixes of each other, a lone surrogate, keys longer than the stack buffers, min/max integers,
/// NaN and -0.0, all-zero and all-0xFF Guids and byte arrays, the first and last DateTime.
/// </summary>
internal static class DifferentialValues
{
    public static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly string[] UserIds =
    [
        "", "u", "u1", "u10", "u1\0", "u1\0x", "u1:x", "\0", "\u00FC", "\U0001F600", "u1\uFFFF", "\uFFFF", new string('L', 300),
    ];

    public static readonly string[] AccountIds = ["", "a", "a0", "a1", "a\0", "a0\0", "\u00E9", "z\uFFFF", "\uD800", new string('A', 2000)];

    public static readonly long[] NoteIds = [long.MinValue, -2, -1, 0, 1, 2, 7, long.MaxValue];

    public static readonly int[] Seqs = [int.MinValue, -1, 0, 1, 2, 5, int.MaxValue];

    public static readonly Guid[] Guids =
    [
        Guid.Empty, Guid.AllBitsSet, new("00000000-0000-0000-0000-000000000001"), new("ff000000-0000-0000-0000-000000000000"),
        new("00ff00ff-00ff-00ff-00ff-00ff00ff00ff"), new("7d4b0c4e-3f0a-4c1b-9c59-7e1a3b1f6e2d"),
    ];

    public static readonly byte[][] FileOwners =
    [
        [], [0], [0, 0], [0, 1], [0xFF], [0xFF, 0xFF], [0xFF, 0], [1], [0, 0xFF, 1], Enumerable.Repeat((byte)0xFF, 300).ToArray(),
    ];

    public static readonly string[] ConfigNames = ["", "c0", "c1", "c\0"];

    public static readonly decimal[] Amounts = [decimal.MinValue, decimal.MaxValue, 0m, 0.1m, -1.5m, 0.0000000000000000000000000001m];

    /// <summary>Ticket ids a Put may use; Insert hands out the ones above them. No long.MaxValue: it would exhaust the sequence for the rest of the run.</summary>
    public static readonly long[] TicketIds = [long.MinValue, -1, 0, 1, 2, 3, 50];

    /// <summary>Explicit stream ids: all of them encode instants long past, so these rows are expired as soon as written.</summary>
    public static readonly long[] StreamSeqs = [long.MinValue, -1, 0, 1, 1L << 40];

    public static readonly string[] Hosts = ["", "h1", "h\0", "\uFFFF"];

    public static readonly string[] Sites = ["", "north", "n\0", "north2", "\uFFFF"];

    public static readonly int[] Sensors = [int.MinValue, -1, 0, 1, int.MaxValue];

    /// <summary>UTC only: Local values are clamped differently while issue 10 is open; Unspecified is a refused input.</summary>
    public static readonly DateTime[] ReadingTimes =
    [
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), T0, T0.AddTicks(1), T0.AddTicks(-1),
    ];

    public static readonly double[] Doubles = [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 1.5];

    public static readonly List<string>[] MemberLists = [[], ["a"], ["", "\0", "\uFFFF"]];

    /// <summary>Key-zoo rows: the low and high ends of every key part type, and variants that differ only in late parts (so early-part prefix scans find several).</summary>
    public static readonly KeyZoo[] Zoo = BuildZoo();

    private static KeyZoo[] BuildZoo()
    {
        KeyZoo low = KeyZooSamples.Low();
        KeyZoo high = KeyZooSamples.High();
        KeyZoo zero = new(
            false, 0, 0, 0, 0, 0, 0, 0, 0, 0f, 0.0, T0, new DateTimeOffset(T0), DateOnly.FromDateTime(T0), TimeSpan.Zero, Mood.Calm, [], Guid.Empty, "", "zero");
        return
        [
            low, high, zero,
            low with { F64 = double.NaN, Payload = "low NaN" },
            high with { F64 = -0.0, Payload = "high -0" },
            zero with { F32 = float.NaN, Payload = "zero NaN32" },
            zero with { Raw = [0xFF, 0], Payload = "zero raw" },
            zero with { Text = "\0", Payload = "zero nul" },
            zero with { WhenOffset = new DateTimeOffset(T0).ToOffset(TimeSpan.FromHours(5)), Payload = "zero same instant, other offset" },
            high with { Id = Guid.Empty, Text = "", Payload = "high empty tail" },
        ];
    }
}
