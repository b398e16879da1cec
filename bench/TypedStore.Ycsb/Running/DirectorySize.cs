namespace TypedStore.Ycsb.Running;

/// <summary>The bytes a store directory holds: the apparent size of every file under it.</summary>
internal static class DirectorySize
{
    public static long? Of(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        long total = 0;
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            try
            {
                total += new FileInfo(file).Length;
            }
            catch (FileNotFoundException)
            {
                // A store may delete a file (an old log, a merged segment) while it is being counted.
            }
        }

        return total;
    }
}
