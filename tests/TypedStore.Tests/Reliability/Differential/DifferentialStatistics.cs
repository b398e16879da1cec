using System.Globalization;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>What a differential run did, so a test can check the mix really happened and print it.</summary>
internal sealed class DifferentialStatistics
{
    public int Steps { get; set; }

    public long Calls { get; set; }

    public long Exceptions { get; set; }

    public int Writes { get; set; }

    public int Reads { get; set; }

    public int Refused { get; set; }

    public int Batches { get; set; }

    public int AbandonedBatches { get; set; }

    public int Snapshots { get; set; }

    public int FullSnapshotComparisons { get; set; }

    public int ScansAroundWrites { get; set; }

    public int Evictions { get; set; }

    public int Reopens { get; set; }

    public int FullComparisons { get; set; }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Steps} steps, {Calls} calls compared ({Exceptions} of them threw, the same on both engines): {Writes} writes, {Reads} reads, " +
        $"{Refused} refused inputs, {Batches} batches ({AbandonedBatches} disposed without Commit), {Snapshots} snapshots " +
        $"({FullSnapshotComparisons} compared whole), {ScansAroundWrites} scans around a write, {Evictions} evictions, {Reopens} reopens, " +
        $"{FullComparisons} full comparisons");
}
