using TypedStore.CrashTarget;
using TypedStore.Tests.EndToEnd;
using TypedStore.Tests.Reliability.Concurrency;
using TypedStore.Tests.Reliability.Fuzz;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Every generated decoder in this assembly (the value and key decoders of every table of every store, which use the
/// key reader for every key part type) gets tens of thousands of damaged stored inputs: truncated, bit-flipped,
/// overwritten with length-bearing codes claiming huge lengths, spliced, random (<see cref="ByteMutator"/>). Each
/// read must return a row or throw <see cref="CorruptDataException"/> naming table and key (<see cref="DecoderFuzzer"/>):
/// no other exception, no crash, no hang (the run is joined with a bound), no allocation of a claimed length.
/// </summary>
public sealed class DecoderFuzzTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly ITestOutputHelper _output;

    public DecoderFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryGeneratedDecoder_OnDamagedInput_DecodesOrThrowsAFormatError_Only()
    {
        int seed = ReliabilitySettings.Seed(64_001);
        int values = ReliabilitySettings.Scale(5_000, 100_000);
        int keys = ReliabilitySettings.Scale(2_000, 40_000);
        var report = new FuzzReport();
        var random = new Random(seed);

        var run = new Thread(() =>
        {
            using var fuzzer = new DecoderFuzzer(Tables, report, random);
            FuzzEveryTable(fuzzer, values, keys);
        })
        {
            IsBackground = true,
            Name = "decoder fuzz",
        };
        run.Start();
        Assert.True(run.Join(WorkerThreads.JoinTimeout), $"the decoders hung (seed {seed}) after {report.Inputs} inputs");

        Assert.True(report.Failures.Count == 0, $"seed {seed}:\n" + string.Join("\n\n", report.Failures));

        // Both outcomes really happen: the damage is neither always fatal nor always harmless.
        Assert.True(report.DecodedCount > report.Inputs / 20 && report.RefusedCount > report.Inputs / 4, $"decoded {report.DecodedCount}, refused {report.RefusedCount}");
        _output.WriteLine($"{report.Inputs} inputs (seed {seed}): {report.DecodedCount} decoded, {report.RefusedCount} refused as CorruptDataException, caused by:");
        foreach ((string cause, int count) in report.Causes.OrderByDescending(p => p.Value))
        {
            _output.WriteLine($"  {count,7} {cause}");
        }
    }

    private static readonly string[] Tables =
    [
        "users", "messages", "rooms", "readings", "metrics", "profiles", "settings", "counters", "key_zoo", "evolving_v1", "evolving_v2",
        "accounts", "notes", "devices", "files", "drafts", "config", "items", "ledger", "progress", "marks",
    ];

    private static void FuzzEveryTable(DecoderFuzzer fuzzer, int values, int keys)
    {
        Guid room = new("0190f3a0-1234-7abc-8def-0123456789ab");

        fuzzer.Run<User, ChatStore.UsersKey, ChatStore.UsersCodec>("users", [new("u1", "Ann", "a@x"), new("", "", ""), new("\u00fc\0", new string('n', 300), "e")], values, keys);
        fuzzer.Run<Message, ChatStore.MessagesKey, ChatStore.MessagesCodec>("messages", [new("u1", 5, "hi", T0), new("", long.MinValue, "", DateTime.MinValue)], values, keys);
        fuzzer.Run<Room, ChatStore.RoomsKey, ChatStore.RoomsCodec>("rooms", [new(room, "general", ["a", "b", ""]), new(Guid.Empty, "", [])], values, keys);
        fuzzer.Run<Reading, ChatStore.ReadingsKey, ChatStore.ReadingsCodec>("readings", [new("north", -1, T0, double.NaN), new("", int.MaxValue, DateTime.MaxValue.ToUniversalTime(), -0.5)], values, keys);
        fuzzer.Run<Metric, MetricStore.MetricsKey, MetricStore.MetricsCodec>("metrics", [new(1, 0.5, 7), new(long.MinValue, double.MaxValue, int.MinValue)], values, keys);

        fuzzer.Run<Profile, ShapesStore.ProfilesKey, ShapesStore.ProfilesCodec>("profiles", [ProfileSamples.Full(), ProfileSamples.Sparse()], values, keys);
        fuzzer.Run<Setting, ShapesStore.SettingsKey, ShapesStore.SettingsCodec>("settings", [new Setting { Name = "s", Value = "v", Version = 3, History = ["a"] }, new Setting { Name = "", History = null }], values, keys);
        fuzzer.Run<Counter, ShapesStore.CountersKey, ShapesStore.CountersCodec>("counters", [new("c", 5, "label"), new("", long.MinValue, null)], values, keys);
        fuzzer.Run<KeyZoo, ShapesStore.KeyZooKey, ShapesStore.KeyZooCodec>("key_zoo", [KeyZooSamples.Low(), KeyZooSamples.High()], values, keys);

        fuzzer.Run<ItemV1, EvolutionV1Store.EvolvingKey, EvolutionV1Store.EvolvingCodec>("evolving_v1", [new("i", "n")], values, keys);
        fuzzer.Run<ItemV2, EvolutionV2Store.EvolvingKey, EvolutionV2Store.EvolvingCodec>("evolving_v2", [new("i", "n", 3, ["x"]), new("", "", 0, null)], values, keys);

        fuzzer.Run<Account, ReliabilityStore.AccountsKey, ReliabilityStore.AccountsCodec>("accounts", [new("a", 1, "n"), new("", long.MinValue, null)], values, keys);
        fuzzer.Run<Note, ReliabilityStore.NotesKey, ReliabilityStore.NotesCodec>("notes", [new("u1", -1, "t"), new("\U0001F600", long.MaxValue, "")], values, keys);
        fuzzer.Run<Device, ReliabilityStore.DevicesKey, ReliabilityStore.DevicesCodec>("devices", [new(Guid.AllBitsSet, 0, "d"), new(Guid.Empty, int.MinValue, "")], values, keys);
        fuzzer.Run<FileEntry, ReliabilityStore.FilesKey, ReliabilityStore.FilesCodec>("files", [new([0, 0xFF, 1], 2, "f"), new([], -1, "")], values, keys);
        fuzzer.Run<Draft, ReliabilityStore.DraftsKey, ReliabilityStore.DraftsCodec>("drafts", [new("u1", 3, "body"), new("", int.MinValue, "")], values, keys);
        fuzzer.Run<ConfigEntry, ReliabilityStore.ConfigKey, ReliabilityStore.ConfigCodec>("config", [new("c0", "v")], values, keys);

        fuzzer.Run<Item, CrashStore.ItemsKey, CrashStore.ItemsCodec>("items", [new("g000-p0000001", "", 0, "payload", "ff"), new("b", "g000-b0000001", 3, "", "")], values, keys);
        fuzzer.Run<LedgerEntry, CrashStore.LedgerKey, CrashStore.LedgerCodec>("ledger", [new("g000", "i", "b", 2)], values, keys);
        fuzzer.Run<Progress, CrashStore.ProgressKey, CrashStore.ProgressCodec>("progress", [new("g000", 12)], values, keys);
        fuzzer.Run<Mark, CrashStore.MarksKey, CrashStore.MarksCodec>("marks", [new("m", "p")], values, keys);
    }
}
