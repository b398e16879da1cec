using System.IO.Pipelines;
using System.Text;

namespace TypedStore.Tool.Tests;

/// <summary>
/// The library API (<c>store.ExportAsync(PipeWriter)</c> / <c>ImportAsync(PipeReader)</c>) on both engines: a byte-exact
/// round trip (rows, deletion markers, index entries, id sequence), and refusals that leave the damaged or mismatched
/// table as it was (empty) while tables completed before it stay.
/// </summary>
public abstract class ExportImportTests : IDisposable
{
    private readonly List<IDisposable> _open = [];

    protected abstract SampleStore OpenStore();

    protected abstract OtherStore OpenOtherStore();

    protected T Track<T>(T store)
        where T : IDisposable
    {
        _open.Add(store);
        return store;
    }

    [Fact]
    public async Task RoundTrip_IsByteExact_AndKeepsRowsMarkersIndexEntriesAndTheIdSequence()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source);
        byte[] exported = await Export(source);

        SampleStore target = OpenStore();
        ExportSummary summary = await target.ImportAsync(PipeReader.Create(new MemoryStream(exported)));

        Assert.Equal(3, summary.Tables);
        Assert.Equal(exported, await Export(target));
        Assert.Equal(source.People.ScanAll().ToList(), target.People.ScanAll().ToList(), PersonComparer.Instance);
        Assert.Equal(38, target.People.Count());
        Assert.Equal(source.Notes.ScanAll().Select(n => (n.UserId, n.NoteId, n.Text)), target.Notes.ScanAll().Select(n => (n.UserId, n.NoteId, n.Text)));
        Person someone = source.People.ScanAll().First();
        Assert.Equal(someone.Id, target.People.ByEmail.Get(someone.Email)!.Id);

        // The sequence came along: a new ticket gets an id past every id the source handed out.
        long highest = source.Tickets.ScanAll().Max(t => t.Id);
        Assert.True(target.Tickets.Insert(new Ticket(0, "after import")).Id > highest);
    }

    [Fact]
    public async Task Import_DamagedTable_IsRefusedNamingIt_TablesBeforeItStay_AndNothingOfItIsKept()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source, people: 16_000);
        byte[] exported = await Export(source);

        // Tables go in name order: notes, people, tickets; a table's rows come before its index entries. Damage a byte in
        // people's last rows frame, after more than one import batch of its rows.
        int at = LastIndexOf(exported, Encoding.UTF8.GetBytes("people.by_email")) - 100;
        exported[at] ^= 0x20;

        SampleStore target = OpenStore();
        List<ImportProgress> progress = [];
        ExportFormatException refused = await Assert.ThrowsAsync<ExportFormatException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(exported)), new SynchronousProgress(progress)));

        Assert.Equal("people", refused.Table);
        Assert.Contains("checksum", refused.Message, StringComparison.Ordinal);
        Assert.Contains(progress, p => p.Table == "people" && !p.TableCompleted);
        Assert.Equal(15, target.Notes.Count());
        Assert.Equal(0, target.People.Count());
        Assert.Empty(target.People.ByEmail.Scan());
        Assert.Equal(0, target.Tickets.Count());
    }

    [Fact]
    public async Task Import_TruncatedStream_IsRefused_AndTheTableItEndsInIsLeftEmpty()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source, people: 2000);
        byte[] exported = await Export(source);
        int cut = LastIndexOf(exported, Encoding.UTF8.GetBytes("people.by_email")) - 100;

        SampleStore target = OpenStore();
        ExportFormatException refused = await Assert.ThrowsAsync<ExportFormatException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(exported[..cut]))));

        Assert.Equal("people", refused.Table);
        Assert.Contains("truncated", refused.Message, StringComparison.Ordinal);
        Assert.Equal(15, target.Notes.Count());
        Assert.Equal(0, target.People.Count());
    }

    [Fact]
    public async Task Import_NotAnExport_IsRefused_AndNothingIsWritten()
    {
        SampleStore target = OpenStore();
        byte[] garbage = Encoding.UTF8.GetBytes("{\"this\": \"is json, not an export\"}");

        ExportFormatException refused = await Assert.ThrowsAsync<ExportFormatException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(garbage))));

        Assert.Contains("not a TypedStore export", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, target.Notes.Count());
    }

    [Fact]
    public async Task Import_IntoATableThatHoldsRows_IsRefused_AndItsRowsAreUnchanged()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source);
        byte[] exported = await Export(source);
        SampleStore target = OpenStore();
        target.Notes.Put(new Note("user/0", 0, "mine", SampleData.Epoch, [], false));

        ExportFormatException refused = await Assert.ThrowsAsync<ExportFormatException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(exported))));

        Assert.Equal("notes", refused.Table);
        Assert.Contains("not empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal("mine", Assert.Single(target.Notes.ScanAll()).Text);
        Assert.Equal(0, target.People.Count());
    }

    [Fact]
    public async Task Import_IntoATableWithAnotherSchema_IsRefusedNamingBothSchemas()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source);
        byte[] exported = await Export(source);
        OtherStore target = OpenOtherStore();

        ExportFormatException refused = await Assert.ThrowsAsync<ExportFormatException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(exported))));

        Assert.Equal("notes", refused.Table);
        Assert.Contains("another schema", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Text: int", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, target.Notes.Count());
    }

    [Fact]
    public async Task Import_Canceled_RemovesWhatItWroteOfTheTable()
    {
        SampleStore source = OpenStore();
        SampleData.Fill(source, people: 10_000);
        byte[] exported = await Export(source);
        SampleStore target = OpenStore();
        using CancellationTokenSource cancel = new();

        // Canceled from the first batch of people: some of its rows are already written when the import stops.
        SynchronousProgress progress = new([], p =>
        {
            if (p.Table == "people" && !p.TableCompleted)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => target.ImportAsync(PipeReader.Create(new MemoryStream(exported)), progress, cancel.Token));

        Assert.Equal(15, target.Notes.Count());
        Assert.Equal(0, target.People.Count());
        Assert.Empty(target.People.ByEmail.Scan());
    }

    public void Dispose()
    {
        // Last opened first: a directory tracked before its stores goes after them.
        for (int i = _open.Count - 1; i >= 0; i--)
        {
            _open[i].Dispose();
        }

        GC.SuppressFinalize(this);
    }

    internal static async Task<byte[]> Export(SampleStore store)
    {
        MemoryStream stream = new();
        PipeWriter writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        await store.ExportAsync(writer);
        await writer.CompleteAsync();
        return stream.ToArray();
    }

    // The last occurrence: a table's index column family is named in its start frame and again before its entries.
    private static int LastIndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().LastIndexOf(needle);
        Assert.True(at >= 0, "The marker bytes are not in the export.");
        return at;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, "The marker bytes are not in the export.");
        return at;
    }

    private sealed class SynchronousProgress(List<ImportProgress> seen, Action<ImportProgress>? then = null) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            seen.Add(value);
            then?.Invoke(value);
        }
    }

    private sealed class PersonComparer : IEqualityComparer<Person>
    {
        public static readonly PersonComparer Instance = new();

        public bool Equals(Person? x, Person? y)
            => x is not null && y is not null && x.Id == y.Id && x.Name == y.Name && x.Email == y.Email && x.Balance == y.Balance
               && x.Home == y.Home && x.Tags.SequenceEqual(y.Tags) && x.Born == y.Born && x.Since == y.Since;

        public int GetHashCode(Person obj) => obj.Id.GetHashCode();
    }
}

/// <summary><see cref="ExportImportTests"/> on the memory engine.</summary>
public sealed class MemoryExportImportTests : ExportImportTests
{
    protected override SampleStore OpenStore() => Track(SampleStore.OpenInMemory());

    protected override OtherStore OpenOtherStore() => Track(OtherStore.OpenInMemory());
}

/// <summary><see cref="ExportImportTests"/> on RocksDB.</summary>
public sealed class RocksDbExportImportTests : ExportImportTests
{
    private readonly TempDirectory _directory;

    public RocksDbExportImportTests() => _directory = Track(new TempDirectory());

    protected override SampleStore OpenStore() => Track(SampleStore.Open(_directory.Combine(Guid.NewGuid().ToString("N"))));

    protected override OtherStore OpenOtherStore() => Track(OtherStore.Open(_directory.Combine(Guid.NewGuid().ToString("N"))));
}
