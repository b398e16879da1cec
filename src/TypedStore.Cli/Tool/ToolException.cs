namespace TypedStore.Cli.Tool;

/// <summary>A failure the tool reports as one line and an exit code (<see cref="ExitCodes"/>).</summary>
internal sealed class ToolException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
