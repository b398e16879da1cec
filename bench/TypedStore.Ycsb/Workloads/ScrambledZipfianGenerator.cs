using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Workloads;

/// <summary>
/// YCSB's <c>ScrambledZipfianGenerator</c>, the default request distribution: a zipfian draw over ten billion items,
/// hashed (FNV-64) into the record range, so the popular records are spread over the key space rather than clustered
/// at its start.
/// </summary>
internal sealed class ScrambledZipfianGenerator
{
    private const long ItemCount = 10_000_000_000L;

    // YCSB's precomputed zeta(10^10, 0.99), so the generator starts without summing ten billion terms.
    private const double ZetaN = 26.46902820178302;

    private readonly ZipfianGenerator _zipfian = new(ItemCount, ZipfianGenerator.ZipfianConstant, ZetaN);

    /// <summary>A record number in [0, <paramref name="records"/>).</summary>
    public long Next(Random random, long records)
        => YcsbKeys.FnvHash64(_zipfian.Next(random, ItemCount)) % records;
}
