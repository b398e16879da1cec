using System.Diagnostics;
using System.Reflection;

namespace TypedStore.Tool.Tests;

/// <summary>The result of one run of the tool.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the built tool (<c>dotnet TypedStore.Cli.dll</c>, not <c>dotnet run</c>: ~100 ms a start) with its output piped,
/// so it prints plain lines, as it does for scripts.
/// </summary>
internal static class ToolRunner
{
    private static readonly string s_toolPath = typeof(ToolRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "ToolPath").Value!;

    public static ToolResult Run(params string[] arguments)
    {
        Assert.True(File.Exists(s_toolPath), $"The tool is not built at {s_toolPath}.");
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_toolPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"typedstore {string.Join(' ', arguments)} did not finish in two minutes.");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }
}
