using TypedStore.Ycsb.Workloads;

namespace TypedStore.Ycsb.Tests;

/// <summary>The request distributions are YCSB's: skewed the right way, in range, and (scrambled) spread over the keys.</summary>
public sealed class ZipfianGeneratorTests
{
    [Fact]
    public void Zipfian_draws_stay_in_range_and_favour_low_ranks()
    {
        var zipfian = new ZipfianGenerator(1_000);
        var random = new Random(7);
        var counts = new int[1_000];
        for (int i = 0; i < 200_000; i++)
        {
            long drawn = zipfian.Next(random, 1_000);
            Assert.InRange(drawn, 0, 999);
            counts[drawn]++;
        }

        // Zipf 0.99: rank 0 about twice rank 1 and about ten times rank 9; the upper half of the ranks gets a small share.
        Assert.InRange(counts[0] / (double)counts[1], 1.6, 2.4);
        Assert.InRange(counts[0] / (double)counts[9], 7, 13);
        Assert.True(counts.AsSpan(500).ToArray().Sum() < counts[0]);
    }

    [Fact]
    public void Zipfian_follows_a_growing_item_count()
    {
        var zipfian = new ZipfianGenerator(10);
        var random = new Random(3);
        bool sawNewItem = false;
        for (int i = 0; i < 50_000; i++)
        {
            long drawn = zipfian.Next(random, 20);
            Assert.InRange(drawn, 0, 19);
            sawNewItem |= drawn >= 10;
        }

        Assert.True(sawNewItem);
    }

    [Fact]
    public void Scrambled_zipfian_spreads_the_hot_records_over_the_key_space()
    {
        var scrambled = new ScrambledZipfianGenerator();
        var random = new Random(11);
        var counts = new Dictionary<long, int>();
        for (int i = 0; i < 100_000; i++)
        {
            long drawn = scrambled.Next(random, 100_000);
            Assert.InRange(drawn, 0, 99_999);
            counts[drawn] = counts.GetValueOrDefault(drawn) + 1;
        }

        long[] hottest = [.. counts.OrderByDescending(pair => pair.Value).Take(10).Select(pair => pair.Key)];
        // Skewed: the hottest record is drawn far more often than the uniform 1 in 100,000 ...
        Assert.True(counts[hottest[0]] > 1_000);
        // ... and the hot records are not the first record numbers (YCSB hashes them over the range).
        Assert.Contains(hottest, record => record > 10_000);
    }
}
