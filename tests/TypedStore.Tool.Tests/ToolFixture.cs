namespace TypedStore.Tool.Tests;

/// <summary>
/// One sample store directory, written once and closed, that the read-only tool tests share (each process start costs
/// ~100 ms; building the store once keeps the class short). Tests that write or damage a store build their own.
/// </summary>
public sealed class ToolFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ToolFixture()
    {
        StorePath = _directory.Combine("store");
        using SampleStore store = SampleStore.Open(StorePath);
        SampleData.Fill(store);
        People = [.. store.People.ScanAll()];
        Notes = [.. store.Notes.ScanAll()];
        Tickets = [.. store.Tickets.ScanAll()];
    }

    public string StorePath { get; }

    public IReadOnlyList<Person> People { get; }

    public IReadOnlyList<Note> Notes { get; }

    public IReadOnlyList<Ticket> Tickets { get; }

    public string NewPath(string name) => _directory.Combine(name + "-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => _directory.Dispose();
}
