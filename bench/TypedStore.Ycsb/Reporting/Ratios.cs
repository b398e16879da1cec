using TypedStore.Ycsb.Running;

namespace TypedStore.Ycsb.Reporting;

/// <summary>
/// TypedStore against the best peer per workload (design §9.2): its default row (WAL on) against the best peer whose
/// writes survive a process crash, its <c>DisableWal</c> row against the best peer of any durability and against FASTER
/// (which keeps no log), and its default row against RocksDbSharp. A ratio above 1 means TypedStore is faster.
/// </summary>
internal static class Ratios
{
    /// <summary>One comparison row: TypedStore's row, the peers it is held against, and per workload the ratio and who was best.</summary>
    public sealed record Comparison(string Label, string TypedStoreRow, IReadOnlyDictionary<string, (double Ratio, string BestPeer)> PerWorkload);

    public static IReadOnlyList<Comparison> For(YcsbResults results, int threads)
    {
        var comparisons = new List<Comparison>();
        Add(comparisons, results, threads, "TypedStore / best peer with a log", "TypedStore", peer => peer.SurvivesProcessCrash);
        Add(comparisons, results, threads, "TypedStore (DisableWal) / best peer", "TypedStore (DisableWal)", _ => true);
        // The like-for-like pair of design §9.2 (neither keeps a log), and the binding check: the same librocksdb through
        // RocksDbSharp, so a gap to the peers that shows here too is the engine's, not the typed layer's.
        Add(comparisons, results, threads, "TypedStore (DisableWal) / FASTER", "TypedStore (DisableWal)", peer => peer.Name == "FASTER");
        Add(comparisons, results, threads, "TypedStore / RocksDbSharp", "TypedStore", peer => peer.Name == "RocksDbSharp");
        return comparisons;
    }

    private static void Add(List<Comparison> comparisons, YcsbResults results, int threads, string label, string typedRow, Func<ContenderInfo, bool> isPeer)
    {
        var perWorkload = new Dictionary<string, (double, string)>();
        foreach (string workload in results.Workloads)
        {
            Measurement? typed = results.Measurements.Find(m => m.Threads == threads && m.Workload == workload && m.Contender == typedRow);
            Measurement? best = results.Measurements
                .Where(m => m.Threads == threads && m.Workload == workload)
                .Where(m => results.Contenders.Find(c => c.Name == m.Contender) is { IsTypedStore: false } info && isPeer(info))
                .MaxBy(m => m.OperationsPerSecond);
            if (typed is not null && best is not null)
            {
                perWorkload[workload] = (typed.OperationsPerSecond / best.OperationsPerSecond, best.Contender);
            }
        }

        if (perWorkload.Count > 0)
        {
            comparisons.Add(new Comparison(label, typedRow, perWorkload));
        }
    }
}
