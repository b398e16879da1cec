namespace TypedStore.Ycsb.Workloads;

/// <summary>
/// A port of YCSB's <c>ZipfianGenerator</c> (Gray et al., "Quickly Generating Billion-Record Synthetic Databases"):
/// item 0 is the most popular, popularity falls as 1/rank^theta. The item count may grow between draws (read-latest
/// over a growing key set); zeta is then extended incrementally, as YCSB does.
/// </summary>
internal sealed class ZipfianGenerator
{
    /// <summary>YCSB's default <c>zipfianconstant</c>.</summary>
    public const double ZipfianConstant = 0.99;

    private readonly double _theta;
    private readonly double _alpha;
    private readonly double _zeta2Theta;
    private readonly double _halfPowTheta;
    private long _countForZeta;
    private double _zetaN;
    private double _eta;

    public ZipfianGenerator(long items, double theta = ZipfianConstant, double? zetaN = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        _theta = theta;
        _alpha = 1.0 / (1.0 - theta);
        _zeta2Theta = Zeta(0, 2, theta, 0);
        _halfPowTheta = Math.Pow(0.5, theta);
        _countForZeta = items;
        _zetaN = zetaN ?? Zeta(0, items, theta, 0);
        _eta = Eta(items);
    }

    /// <summary>A draw in [0, <paramref name="items"/>): 0 most often.</summary>
    public long Next(Random random, long items)
    {
        if (items != _countForZeta)
        {
            // Grow incrementally (the common case: inserts); a shrink recomputes from scratch.
            _zetaN = items > _countForZeta ? Zeta(_countForZeta, items, _theta, _zetaN) : Zeta(0, items, _theta, 0);
            _countForZeta = items;
            _eta = Eta(items);
        }

        double u = random.NextDouble();
        double uz = u * _zetaN;
        if (uz < 1.0)
        {
            return 0;
        }

        if (uz < 1.0 + _halfPowTheta)
        {
            return 1;
        }

        long drawn = (long)(items * Math.Pow((_eta * u) - _eta + 1, _alpha));
        return Math.Min(drawn, items - 1);
    }

    private double Eta(long items) => (1 - Math.Pow(2.0 / items, 1 - _theta)) / (1 - (_zeta2Theta / _zetaN));

    private static double Zeta(long start, long end, double theta, double initialSum)
    {
        double sum = initialSum;
        for (long i = start; i < end; i++)
        {
            sum += 1 / Math.Pow(i + 1, theta);
        }

        return sum;
    }
}
