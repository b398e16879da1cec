using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Async;

/// <content>Stream tables: async reads and scans apply the expiry filter over pages, judged by one "now" per read.</content>
public abstract partial class AsyncReadTests
{
    [Fact]
    public async Task Stream_reads_hide_expired_rows_over_pages_with_no_blocking_call()
    {
        ManualTimeProvider clock = new(T0);
        AsyncReadStore store = Open(new StoreOptions { TimeProvider = clock });
        List<ReadBeat> appended = [];
        foreach (int second in new[] { 0, 30, 50 })
        {
            clock.Now = T0.AddSeconds(second);
            for (int i = 0; i < 40; i++)
            {
                appended.Add(store.AreadBeats.Append(new ReadBeat("d" + (i % 2), 0, second * 100 + i)));
            }
        }

        clock.Now = T0.AddSeconds(75); // rows of second 0 are expired, those of 30 and 50 are not
        ReadBeat expired = appended[0];
        ReadBeat live = appended[^1];
        Assert.Null(await Async("GetAsync", () => store.AreadBeats.GetAsync(expired.Device, expired.Seq).AsTask()));
        Assert.Equal(live, await Async("GetAsync", () => store.AreadBeats.GetAsync(live.Device, live.Seq).AsTask()));
        Assert.False(await Async("ExistsAsync", () => store.AreadBeats.ExistsAsync(expired.Device, expired.Seq).AsTask()));
        Assert.Equal(store.AreadBeats.GetEntry(live.Device, live.Seq), await Async("GetEntryAsync", () => store.AreadBeats.GetEntryAsync(live.Device, live.Seq).AsTask()));
        Assert.Null(await store.AreadBeats.GetEntryAsync(expired.Device, expired.Seq));
        (string, long)[] keys = [(expired.Device, expired.Seq), (live.Device, live.Seq)];
        Assert.Equal(store.AreadBeats.GetMany(keys), await Async("GetManyAsync", () => store.AreadBeats.GetManyAsync(keys).AsTask()));

        Assert.Equal(80, store.AreadBeats.Count());
        Assert.Equal(store.AreadBeats.Count(), await Async("CountAsync", () => store.AreadBeats.CountAsync().AsTask()));
        Assert.Equal(store.AreadBeats.ScanAll(), await AsyncList("ScanAllAsync", store.AreadBeats.ScanAllAsync()));
        Assert.Equal(store.AreadBeats.ScanAll(reverse: true), await AsyncList("ScanAllAsync", store.AreadBeats.ScanAllAsync(reverse: true)));
        foreach (string device in new[] { "d0", "d1" })
        {
            Assert.Equal(store.AreadBeats.Scan(device), await AsyncList("ToAsyncEnumerable", store.AreadBeats.Scan(device).ToAsyncEnumerable()));
            Assert.Equal(store.AreadBeats.Scan(device).First(), await Async("FirstAsync", () => store.AreadBeats.Scan(device).FirstAsync().AsTask()));
            Assert.Equal(store.AreadBeats.Scan(device).Reverse().Last(), await Async("LastAsync", () => store.AreadBeats.Scan(device).Reverse().LastAsync().AsTask()));
            Assert.Equal(store.AreadBeats.Scan(device).Count(), await Async("query CountAsync", () => store.AreadBeats.Scan(device).CountAsync().AsTask()));
            Assert.Equal(store.AreadBeats.Scan(device).Keys(), await AsyncList("KeysAsync", store.AreadBeats.Scan(device).KeysAsync()));
            AssertPagesEqual(
                Pages(next => store.AreadBeats.Scan(device).Page(9, next)),
                await Async("PageAsync", () => PagesAsync(next => store.AreadBeats.Scan(device).PageAsync(9, next))));
        }

        // The first visible row is one of second 30: the expired ones before it were walked past.
        Assert.Equal(3000, (await store.AreadBeats.Scan("d0").FirstAsync())!.Value);

        clock.Now = T0.AddSeconds(200); // everything is expired
        Assert.False(await Async("AnyAsync", () => store.AreadBeats.Scan().AnyAsync().AsTask()));
        Assert.Empty(await AsyncList("ScanAllAsync", store.AreadBeats.ScanAllAsync()));
        Assert.Equal(0, await store.AreadBeats.CountAsync());
    }
}
