namespace TypedStore.Generators.Tests;

/// <summary>
/// Files of the repository the tests read (and, when accepting snapshots, write): found from the test
/// assembly's folder, so the tests run the same from an IDE, from <c>dotnet test</c> and on CI.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding TypedStore.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The folder of the diagnostic pages, docs/diagnostics.</summary>
    public static string DiagnosticDocs => Path.Combine(Root, "docs", "diagnostics");

    /// <summary>The generator project's folder.</summary>
    public static string Generator => Path.Combine(Root, "generators", "TypedStore.Generators");

    /// <summary>The folder of the snapshot cases, one sub-folder per case.</summary>
    public static string Snapshots => Path.Combine(Root, "tests", "TypedStore.Generators.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TypedStore.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds TypedStore.sln; the generator tests read the repository's docs and snapshots.");
    }
}
