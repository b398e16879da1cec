namespace TypedStore.Cli.Tool;

/// <summary>The tool's exit codes (docs/operations.md, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong (System.CommandLine's parse errors exit with 1 too).</summary>
    public const int Usage = 1;

    /// <summary>A table or key asked for does not exist.</summary>
    public const int NotFound = 2;

    /// <summary>The store cannot be opened: no such directory, not a TypedStore store, locked, damaged, catalog unreadable.</summary>
    public const int CannotOpen = 3;

    /// <summary><c>verify</c> found problems (each printed, naming table and key).</summary>
    public const int VerifyFailed = 4;

    /// <summary><c>import</c> refused the stream (damaged, not an export, or not matching the store).</summary>
    public const int ImportRefused = 5;

    /// <summary>Anything else failed (the message says what).</summary>
    public const int Failed = 6;
}
