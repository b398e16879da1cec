using System.Diagnostics;
using System.Reflection;
using System.Text;
using TypedStore.CrashTarget;

namespace TypedStore.Tests.Reliability.CrashTarget;

/// <summary>
/// One run of the crash target (tests/TypedStore.CrashTarget) as a child process: started with <c>dotnet &lt;dll&gt;</c>,
/// read until it has acknowledged a given number of writes, then killed with SIGKILL. Every wait is bounded; on a
/// timeout the child is killed and the test fails with what it printed on stderr.
/// </summary>
internal sealed class CrashTargetProcess : IDisposable
{
    /// <summary>Generous bounds against hangs only; no test asserts on how long anything takes.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly string _description;

    private CrashTargetProcess(Process process, string description)
    {
        _process = process;
        _description = description;
    }

    /// <summary>Where the build put the crash target (recorded in this assembly by the test project).</summary>
    public static string TargetPath { get; } = typeof(CrashTargetProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "CrashTargetPath").Value!;

    /// <summary>
    /// Starts the target on <paramref name="storePath"/> and waits for it to report the store open. Each item it
    /// writes carries <paramref name="fillerLength"/> extra bytes (so memtables fill and flush during the run).
    /// </summary>
    public static CrashTargetProcess Start(string storePath, string mode, int seed, int generation, int fillerLength = 0)
    {
        if (!File.Exists(TargetPath))
        {
            throw new FileNotFoundException($"The crash target was not built at '{TargetPath}'; build tests/TypedStore.Tests (it builds the target first).", TargetPath);
        }

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            TargetPath, storePath, mode,
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            fillerLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var child = new CrashTargetProcess(process, $"crash target (mode {mode}, seed {seed}, generation {generation})");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._stderr)
                {
                    child._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();

        string? first = child.ReadLine(StartTimeout);
        if (first != CrashProtocol.Ready)
        {
            child.KillAndWait();
            throw new InvalidOperationException($"The {child._description} did not start: first line '{first}'. stderr:\n{child.Stderr}");
        }

        return child;
    }

    /// <summary>Reads acknowledgements into <paramref name="writes"/> until <paramref name="count"/> arrived.</summary>
    public void ReadAcknowledgements(AcknowledgedWrites writes, int count)
    {
        for (int received = 0; received < count;)
        {
            string line = ReadLine(LineTimeout) ?? throw Failure("exited before it was killed");
            if (!writes.Record(line))
            {
                throw Failure($"printed an unexpected line '{line}'");
            }

            received++;
        }
    }

    /// <summary>
    /// Kills the target with SIGKILL at whatever point it has reached, waits for it to die, and records the
    /// acknowledgements it printed before dying (complete lines only: a line cut short acknowledges nothing).
    /// </summary>
    public void KillAndCollect(AcknowledgedWrites writes)
    {
        KillAndWait();
        for (string? line = ReadLine(LineTimeout); line is not null; line = ReadLine(LineTimeout))
        {
            writes.Record(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillAndWait();
        }

        _process.Dispose();
    }

    private string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private void KillAndWait()
    {
        // Process.Kill sends SIGKILL on Unix: no handler, no flush, no orderly close of the store.
        _process.Kill(entireProcessTree: false);
        if (!_process.WaitForExit(ExitTimeout))
        {
            throw new TimeoutException($"The {_description} did not exit within {ExitTimeout} of SIGKILL.");
        }

        _process.WaitForExit(); // Drains the asynchronous stderr reader.
    }

    private string? ReadLine(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return _process.StandardOutput.ReadLineAsync(cancellation.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            KillAndWait();
            throw Failure($"printed nothing for {timeout} (hung?)");
        }
    }

    private InvalidOperationException Failure(string what) => new($"The {_description} {what}. stderr:\n{Stderr}");

    /// <summary>The dotnet host running this test (set by the dotnet CLI), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
