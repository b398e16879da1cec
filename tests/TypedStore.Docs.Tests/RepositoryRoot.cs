namespace TypedStore.Docs.Tests;

/// <summary>The repository's root: the nearest folder above the test's output that holds TypedStore.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "TypedStore.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No TypedStore.sln above {AppContext.BaseDirectory}: the docs tests read the pages from the source tree.");
    }
}
