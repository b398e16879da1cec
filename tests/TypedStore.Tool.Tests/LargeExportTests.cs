using System.Diagnostics;
using System.IO.Pipelines;
using Xunit.Abstractions;

namespace TypedStore.Tool.Tests;

/// <summary>
/// A large export and import through files, under <c>TYPEDSTORE_SOAK=1</c> (minutes; <c>TYPEDSTORE_SOAK_MB</c> sets the
/// size, 1024 by default): the round trip is checked by row count and a re-export of identical length, and the managed
/// heap's growth during the export must stay far below the export's size (it streams). Sizes and throughput are written
/// to the test output; docs/operations.md, "Numbers", quotes a run.
/// </summary>
public sealed class LargeExportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ExportAndImport_OfALargeStore_StreamInBoundedMemory()
    {
        if (Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK") != "1")
        {
            return;
        }

        long megabytes = long.TryParse(Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK_MB"), out long mb) ? mb : 1024;
        using TempDirectory directory = new();
        string source = directory.Combine("source");
        string file = directory.Combine("export.tse");
        string text = new('x', 900);
        long rows = megabytes * 1024 * 1024 / 1000;
        using (SampleStore store = SampleStore.Open(source))
        {
            for (long start = 0; start < rows; start += 10_000)
            {
                store.Notes.PutMany(Enumerable.Range(0, (int)Math.Min(10_000, rows - start))
                    .Select(i => new Note($"user/{(start + i) % 1000}", start + i, text, SampleData.Epoch, [], false)));
            }
        }

        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long peakHeap = heapBefore;
        Stopwatch watch = Stopwatch.StartNew();
        ExportSummary exported;
        using (SampleStore store = SampleStore.Open(source, new StoreOptions { ReadOnly = true }))
        await using (FileStream stream = File.Create(file))
        {
            PipeWriter writer = PipeWriter.Create(stream);
            using Timer sampler = new(_ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)), null, 0, 10);
            exported = await store.ExportAsync(writer);
            await writer.CompleteAsync();
        }

        double exportSeconds = watch.Elapsed.TotalSeconds;
        long fileBytes = new FileInfo(file).Length;
        output.WriteLine($"export: {exported.Rows:N0} rows, {fileBytes:N0} bytes in {exportSeconds:F1} s ({fileBytes / exportSeconds / 1e6:F0} MB/s); managed heap before {heapBefore / 1e6:F1} MB, peak {peakHeap / 1e6:F1} MB; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");

        string target = directory.Combine("target");
        watch.Restart();
        using (SampleStore store = SampleStore.Open(target))
        await using (FileStream stream = File.OpenRead(file))
        {
            ExportSummary imported = await store.ImportAsync(PipeReader.Create(stream));
            Assert.Equal(exported, imported);
            Assert.Equal(rows, store.Notes.Count());
        }

        double importSeconds = watch.Elapsed.TotalSeconds;
        output.WriteLine($"import: {fileBytes / importSeconds / 1e6:F0} MB/s ({importSeconds:F1} s)");
        Assert.True(peakHeap - heapBefore < 64L * 1024 * 1024, $"The export grew the managed heap by {(peakHeap - heapBefore) / 1e6:F0} MB for a {fileBytes / 1e6:F0} MB export.");
    }
}
