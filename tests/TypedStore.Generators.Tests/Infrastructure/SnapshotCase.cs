namespace TypedStore.Generators.Tests;

/// <summary>
/// One folder of Snapshots/: its input files (<c>*.cs</c>) and, beside them, the expected generated files
/// (<c>*.g.cs</c>, named by the generator's hint names).
/// </summary>
internal sealed class SnapshotCase
{
    private const string GeneratedSuffix = ".g.cs";

    private SnapshotCase(string name, string folder)
    {
        Name = name;
        Folder = folder;
    }

    public string Name { get; }

    public string Folder { get; }

    public static SnapshotCase Load(string name)
    {
        string folder = Path.Combine(RepositoryPaths.Snapshots, name);
        Assert.True(Directory.Exists(folder), $"The snapshot case folder {folder} does not exist.");
        return new SnapshotCase(name, folder);
    }

    /// <summary>The input files, by file name, in ordinal order.</summary>
    public IEnumerable<(string Path, string Text)> Inputs
        => Directory.EnumerateFiles(Folder, "*.cs")
            .Where(path => !path.EndsWith(GeneratedSuffix, StringComparison.Ordinal) && !SnapshotFile.IsReceived(path))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)));

    /// <summary>The committed expected outputs.</summary>
    public IEnumerable<string> ExpectedFiles
        => Directory.EnumerateFiles(Folder, "*" + GeneratedSuffix).Order(StringComparer.Ordinal);

    /// <summary>Where the expected output of the generated file <paramref name="hintName"/> is kept.</summary>
    public string ExpectedPath(string hintName) => Path.Combine(Folder, hintName);

    public override string ToString() => Name;
}
