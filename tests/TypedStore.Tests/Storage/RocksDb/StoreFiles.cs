namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>Every file of a store directory with its bytes, to check that a refused open changed nothing.</summary>
internal sealed class StoreFiles
{
    private readonly Dictionary<string, byte[]> _files;

    private StoreFiles(Dictionary<string, byte[]> files) => _files = files;

    /// <summary>
    /// RocksDB's informational log: every open attempt RocksDB itself makes renames <c>LOG</c> to <c>LOG.old.*</c> and
    /// starts a new one. It holds no data; every other file is compared.
    /// </summary>
    public static bool IsInfoLog(string name) => name == "LOG" || name.StartsWith("LOG.old.", StringComparison.Ordinal);

    /// <summary>Reads every file in <paramref name="directory"/>.</summary>
    public static StoreFiles Capture(string directory)
        => new(Directory.GetFiles(directory).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes, StringComparer.Ordinal));

    /// <summary>Asserts that every file captured is still in <paramref name="directory"/> with the same bytes.</summary>
    public void AssertUnchangedIn(string directory, bool ignoreInfoLog = false)
    {
        foreach ((string name, byte[] bytes) in _files)
        {
            if (ignoreInfoLog && IsInfoLog(name))
            {
                continue;
            }

            string path = Path.Combine(directory, name);
            Assert.True(File.Exists(path), $"'{name}' was deleted.");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"'{name}' was changed.");
        }
    }
}
