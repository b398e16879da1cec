namespace TypedStore.Generators.Tests;

/// <summary>
/// Compares generated text with a committed expected file, exactly (only line endings are normalised).
/// On a mismatch the received text is written beside the expected file as <c>&lt;name&gt;.received.cs</c>
/// (ignored by git) and the test fails; with <c>TYPEDSTORE_ACCEPT_SNAPSHOTS=1</c> the received text
/// replaces the expected file instead, to be reviewed in the diff like any other change.
/// </summary>
internal static class SnapshotFile
{
    public const string AcceptVariable = "TYPEDSTORE_ACCEPT_SNAPSHOTS";

    private const string ReceivedSuffix = ".received.cs";

    /// <summary>Whether received output replaces the expected files (<c>TYPEDSTORE_ACCEPT_SNAPSHOTS=1</c>).</summary>
    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>The file a mismatching output is written to: <c>X.g.cs</c> → <c>X.g.received.cs</c>.</summary>
    public static string ReceivedPath(string expectedPath) => Path.ChangeExtension(expectedPath, null) + ReceivedSuffix;

    /// <summary>Whether <paramref name="path"/> is a received file rather than an expected one.</summary>
    public static bool IsReceived(string path) => path.EndsWith(ReceivedSuffix, StringComparison.Ordinal);

    /// <summary>Fails unless <paramref name="received"/> equals the file at <paramref name="expectedPath"/>.</summary>
    public static void Verify(string expectedPath, string received)
    {
        received = NormalizeLineEndings(received);
        string receivedPath = ReceivedPath(expectedPath);
        string? expected = File.Exists(expectedPath) ? NormalizeLineEndings(File.ReadAllText(expectedPath)) : null;
        if (expected == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Accepting)
        {
            File.WriteAllText(expectedPath, received);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        string difference = expected is null ? "there is no expected file yet" : DescribeFirstDifference(expected, received);
        Assert.Fail(
            $"Generated output differs from the snapshot {expectedPath}: {difference}.{Environment.NewLine}" +
            $"Received output written to {receivedPath}.{Environment.NewLine}" +
            $"If the change is intended, run the tests again with {AcceptVariable}=1 to accept it, and review the snapshot diff before committing.");
    }

    /// <summary>Fails when <paramref name="expectedPath"/> exists although nothing generates it any more; accepting deletes it.</summary>
    public static void VerifyNotGenerated(string expectedPath)
    {
        if (Accepting)
        {
            File.Delete(expectedPath);
            return;
        }

        Assert.Fail($"The snapshot {expectedPath} is no longer generated. Delete it, or run the tests with {AcceptVariable}=1.");
    }

    private static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string DescribeFirstDifference(string expected, string received)
    {
        string[] expectedLines = expected.Split('\n');
        string[] receivedLines = received.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, receivedLines.Length); i++)
        {
            string? left = i < expectedLines.Length ? expectedLines[i] : null;
            string? right = i < receivedLines.Length ? receivedLines[i] : null;
            if (left != right)
            {
                return $"line {i + 1} was expected as {Quote(left)} but is {Quote(right)}";
            }
        }

        return "the texts differ";
    }

    private static string Quote(string? line) => line is null ? "(end of file)" : $"\"{line}\"";
}
