namespace TypedStore.Tests.Operations;

/// <summary>Fresh directory paths under the temp folder, all deleted on dispose.</summary>
internal sealed class TempDirectories : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "typedstore-ops-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A path under the root that does not exist yet.</summary>
    public string New(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
