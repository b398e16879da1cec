namespace TypedStore.Benchmarks.Data;

/// <summary>A fresh directory under the system temp directory, deleted with everything in it on <see cref="Dispose"/>.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "typedstore-bench", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store still closing in the background must not fail the run; the OS cleans temp eventually.
        }
    }
}
