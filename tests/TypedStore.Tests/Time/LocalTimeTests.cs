namespace TypedStore.Tests.Time;

/// <summary>
/// DateTimeKind.Local keys and values through a generated table: a local time that does not convert to exactly one
/// UTC instant (beyond DateTime's range once converted, or inside a spring-forward gap) is refused with an
/// <see cref="ArgumentException"/>, never clamped onto another key; local times that convert exactly round-trip, and
/// the two readings of an ambiguous (fall-back) hour stay two instants. Runs in real zones (see
/// <see cref="MachineTimeZone"/>), on every engine (see the derived classes).
/// </summary>
[Collection(MachineTimeZoneCollection.Name)]
public abstract class LocalTimeTests
{
    private static readonly DateTime SomeUtc = new(2026, 5, 5, 12, 0, 0, DateTimeKind.Utc);

    internal abstract LocalTimeStore OpenStore();

    public static TheoryData<string> Zones => new() { "Asia/Tokyo", "America/Los_Angeles" };

    [Theory]
    [MemberData(nameof(Zones))]
    public void LocalKeys_NearMinAndMaxValue_AreRefused_NeverMergedIntoOneRow(string zone)
    {
        using MachineTimeZone _ = MachineTimeZone.Set(zone);
        using LocalTimeStore store = OpenStore();

        // The reproduction: four different local keys whose UTC instants lie outside DateTime's range.
        DateTime[] keys =
        [
            new(DateTime.MinValue.Ticks, DateTimeKind.Local),
            new(DateTime.MinValue.Ticks + TimeSpan.TicksPerHour, DateTimeKind.Local),
            new(DateTime.MaxValue.Ticks, DateTimeKind.Local),
            new(DateTime.MaxValue.Ticks - TimeSpan.TicksPerHour, DateTimeKind.Local),
        ];
        DateTime[] outOfRange = keys.Where(k => !ConvertsExactly(k)).ToArray();
        Assert.Equal(2, outOfRange.Length); // Tokyo (+9) loses the MinValue end, Los Angeles (-8/-7) the MaxValue end

        foreach (DateTime key in outOfRange)
        {
            ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => store.LocalTimes.Put(new LocalTimeRow(key, SomeUtc, null, "k")));
            Assert.Contains("UTC", ex.Message, StringComparison.Ordinal);
        }

        foreach (DateTime key in keys.Except(outOfRange))
        {
            store.LocalTimes.Put(new LocalTimeRow(key, SomeUtc, null, key.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The keys that convert exactly are stored as their UTC instants, each its own row.
        DateTime[] exact = keys.Except(outOfRange).ToArray();
        Assert.Equal(exact.Select(k => k.ToUniversalTime()).Order(), store.LocalTimes.ScanAll().Select(r => r.At));
        Assert.All(store.LocalTimes.ScanAll(), row => Assert.Equal(DateTimeKind.Utc, row.At.Kind));
        foreach (DateTime key in exact)
        {
            LocalTimeRow? row = store.LocalTimes.Get(key);
            Assert.NotNull(row);
            Assert.Equal(key.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Note);
            Assert.Equal(key, store.LocalTimes.Get(key.ToUniversalTime())!.At.ToLocalTime());
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void LocalValues_ThatCannotBeStoredAsAnInstant_AreRefused_AndNothingIsWritten(string zone)
    {
        using MachineTimeZone _ = MachineTimeZone.Set(zone);
        using LocalTimeStore store = OpenStore();
        DateTime edge = zone == "Asia/Tokyo"
            ? new(DateTime.MinValue.Ticks + TimeSpan.TicksPerHour, DateTimeKind.Local)
            : new(DateTime.MaxValue.Ticks - TimeSpan.TicksPerHour, DateTimeKind.Local);

        Assert.ThrowsAny<ArgumentException>(() => store.LocalTimes.Put(new LocalTimeRow(SomeUtc, edge, null, "seen")));
        Assert.ThrowsAny<ArgumentException>(() => store.LocalTimes.Put(new LocalTimeRow(SomeUtc, SomeUtc, edge, "maybe")));
        Assert.Equal(0, store.LocalTimes.Count());

        DateTime exact = SomeUtc.ToLocalTime();
        store.LocalTimes.Put(new LocalTimeRow(SomeUtc, exact, exact, "ok"));
        LocalTimeRow row = store.LocalTimes.Get(SomeUtc)!;
        Assert.Equal(DateTimeKind.Local, row.Seen.Kind);
        Assert.Equal(exact, row.Seen);
        Assert.Equal(exact, row.Maybe);
    }

    [Fact]
    public void LocalTimes_InASpringForwardGap_AreRefused_AsKeysAndAsValues()
    {
        using MachineTimeZone _ = MachineTimeZone.Set("America/Los_Angeles");
        using LocalTimeStore store = OpenStore();

        // 2026-03-08 02:00 -> 03:00 in Los Angeles: 02:30 never happens, and would have been stored as 03:30's instant.
        var gap = new DateTime(2026, 3, 8, 2, 30, 0, DateTimeKind.Local);
        var after = new DateTime(2026, 3, 8, 3, 30, 0, DateTimeKind.Local);
        Assert.True(TimeZoneInfo.Local.IsInvalidTime(gap));

        ArgumentException keyError = Assert.ThrowsAny<ArgumentException>(() => store.LocalTimes.Put(new LocalTimeRow(gap, SomeUtc, null, "gap")));
        Assert.Contains("America/Los_Angeles", keyError.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => store.LocalTimes.Put(new LocalTimeRow(SomeUtc, gap, null, "gap")));
        store.LocalTimes.Put(new LocalTimeRow(after, after, null, "after"));

        Assert.Equal(["after"], store.LocalTimes.ScanAll().Select(r => r.Note));
        Assert.Equal(after, store.LocalTimes.Get(after)!.Seen);
    }

    [Fact]
    public void AmbiguousLocalTimes_KeepWhichOfTheTwoInstantsTheyAre()
    {
        using MachineTimeZone _ = MachineTimeZone.Set("America/Los_Angeles");
        using LocalTimeStore store = OpenStore();

        // 2026-11-01 01:30 happens twice in Los Angeles: 08:30Z (daylight time) and 09:30Z (standard time).
        var firstUtc = new DateTime(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc);
        var secondUtc = new DateTime(2026, 11, 1, 9, 30, 0, DateTimeKind.Utc);
        DateTime first = firstUtc.ToLocalTime();
        DateTime second = secondUtc.ToLocalTime();
        Assert.Equal(first.Ticks, second.Ticks); // the same clock reading; DateTime's hidden bit tells them apart

        store.LocalTimes.Put(new LocalTimeRow(first, first, first, "first"));
        store.LocalTimes.Put(new LocalTimeRow(second, second, second, "second"));

        Assert.Equal(2, store.LocalTimes.Count());
        LocalTimeRow a = store.LocalTimes.Get(firstUtc)!;
        LocalTimeRow b = store.LocalTimes.Get(secondUtc)!;
        Assert.Equal(("first", firstUtc, firstUtc, firstUtc), (a.Note, a.At, a.Seen.ToUniversalTime(), a.Maybe!.Value.ToUniversalTime()));
        Assert.Equal(("second", secondUtc, secondUtc, secondUtc), (b.Note, b.At, b.Seen.ToUniversalTime(), b.Maybe!.Value.ToUniversalTime()));
    }

    [Fact]
    public void StoredLocalValues_ThatTheReadingZoneCannotShow_AreReportedAsErrors_NotWrapped()
    {
        using LocalTimeStore store = OpenStore();
        var nearMin = new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Utc);
        using (MachineTimeZone.Set("Asia/Tokyo"))
        {
            store.LocalTimes.Put(new LocalTimeRow(SomeUtc, nearMin.ToLocalTime(), null, "tokyo")); // 0001-01-01 12:00 +09
        }

        // In Los Angeles that instant is 0000-12-31 19:00 local: no DateTime can hold it. FromBinary used to wrap it
        // to 0001-01-01 19:00.
        using (MachineTimeZone.Set("America/Los_Angeles"))
        {
            CorruptDataException ex = Assert.Throws<CorruptDataException>(() => store.LocalTimes.Get(SomeUtc));
            Assert.Equal("local_times", ex.Table);
        }

        using (MachineTimeZone.Set("Asia/Tokyo"))
        {
            Assert.Equal(nearMin, store.LocalTimes.Get(SomeUtc)!.Seen.ToUniversalTime());
        }
    }

    private static bool ConvertsExactly(DateTime local)
    {
        long utc = local.Ticks - TimeZoneInfo.Local.GetUtcOffset(local).Ticks;
        return utc >= 0 && utc <= DateTime.MaxValue.Ticks;
    }
}
