namespace TypedStore.Benchmarks.Quick;

/// <summary>The statistics every quick-mode line reports over its rounds.</summary>
internal static class QuickStatistics
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count); the array is left as it is.</summary>
    public static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
