using System.Text;
using TypedStore.Storage;

namespace TypedStore.Tool.Tests;

/// <summary>The tool against directories that are not healthy stores: damaged rows and indexes, foreign directories, a locked store, a damaged export.</summary>
public sealed class DamagedStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Verify_AValueThatDoesNotDecode_ExitsFour_NamingTableKeyAndMember()
    {
        string path = NewStore();
        Note note = SampleData.Notes(3, 5)[4];
        byte[] key = KeyOf(path, "notes", 4);

        // A valid header, then an array whose first member (Text, a string) is an integer.
        byte[] value = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x95, 0x2A, 0xC0, 0xC0, 0xC2, 0xC2];
        RawStore.Put(path, "notes", key, value);

        ToolResult verify = ToolRunner.Run("verify", path);
        ToolResult dump = ToolRunner.Run("dump", path, "notes");

        Assert.Equal(4, verify.ExitCode);
        Assert.Contains("notes: table 'notes', key (\"user/0\", 4): member 'Text' (string)", verify.Error, StringComparison.Ordinal);
        Assert.Contains("people: 38 rows, 1 indexes, ok", verify.Output, StringComparison.Ordinal);
        Assert.Equal(4, dump.ExitCode);
        Assert.Equal("user/0", note.UserId);
    }

    [Fact]
    public void Verify_AnIndexEntryForNoRow_ExitsFour_NamingTheIndex()
    {
        string path = NewStore();

        // A plain-form entry: some prefix, then a row key no row has; the value is the row key's length.
        byte[] rowKey = new byte[16];
        byte[] entry = [.. Encoding.UTF8.GetBytes("x"), 0, 1, .. rowKey];
        RawStore.Put(path, "people.by_email", entry, BitConverter.GetBytes(16));

        ToolResult verify = ToolRunner.Run("verify", path);

        Assert.Equal(4, verify.ExitCode);
        Assert.Contains("index 'by_email'", verify.Error, StringComparison.Ordinal);
        Assert.Contains("not a live row", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryThatIsNoStore_OrIsMissing_ExitsThree()
    {
        string empty = _directory.Combine("empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a store");

        ToolResult notAStore = ToolRunner.Run("info", empty);
        ToolResult missing = ToolRunner.Run("info", _directory.Combine("missing"));

        Assert.Equal(3, notAStore.ExitCode);
        Assert.Contains("not a TypedStore store", notAStore.Error, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreOpenInAnotherProcess_ExitsThree_ForACommandThatWrites()
    {
        string path = NewStore();
        using SampleStore open = SampleStore.Open(path);

        ToolResult compact = ToolRunner.Run("compact", path);

        Assert.Equal(3, compact.ExitCode);
        Assert.Contains("cannot be opened", compact.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ADamagedExport_ExitsFive_AndTheTargetKeepsNothingOfTheDamagedTable()
    {
        string source = NewStore();
        string file = _directory.Combine("export.tse");
        Assert.Equal(0, ToolRunner.Run("export", source, file).ExitCode);
        byte[] bytes = File.ReadAllBytes(file);
        int at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Person 20 "));
        bytes[at + 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        string target = _directory.Combine("target");
        using (SampleStore.Open(target))
        {
        }

        ToolResult import = ToolRunner.Run("import", target, file);

        Assert.Equal(5, import.ExitCode);
        Assert.Contains("table 'people'", import.Error, StringComparison.Ordinal);
        using SampleStore store = SampleStore.Open(target);
        Assert.Equal(15, store.Notes.Count());
        Assert.Equal(0, store.People.Count());
        Assert.Empty(store.People.ByEmail.Scan());
    }

    [Fact]
    public void Demo_RefusesADirectoryThatHoldsAStore_AndWritesNothingIntoIt()
    {
        string path = NewStore();
        var before = RawStore.Read(path);

        ToolResult demo = ToolRunner.Run("demo", "--path", path, "--rows", "100");

        Assert.Equal(1, demo.ExitCode);
        Assert.Contains("not empty", demo.Error, StringComparison.Ordinal);
        RawStore.AssertEqual(before, RawStore.Read(path));
    }

    public void Dispose() => _directory.Dispose();

    private string NewStore()
    {
        string path = _directory.Combine(Guid.NewGuid().ToString("N"));
        using SampleStore store = SampleStore.Open(path);
        SampleData.Fill(store);
        return path;
    }

    private static byte[] KeyOf(string path, string table, int index)
        => RawStore.Read(path, name => name == table)[table][index].Key;
}
