using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using TypedStore.Etcd;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// A 3-member etcd cluster on 127.0.0.1, started with eng/etcd-cluster.sh in a temporary directory on free ports and
/// stopped on dispose. When etcd is not installed the constructor throws, so every etcd test fails with that message
/// (CI installs etcd-server; a machine without it must not report the etcd engine as tested).
/// </summary>
public sealed class EtcdCluster : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "typedstore-etcd-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>
    /// The shared cluster's --max-txn-ops: two contract tests write 900 and 3,000 keys in one batch, which etcd's default
    /// (128) refuses (<see cref="BatchTooLargeException"/>, tested at the default by EtcdLimitsTests on a cluster of its own).
    /// </summary>
    public const int SharedMaxTransactionOperations = 4096;

    public EtcdCluster()
        : this(SharedMaxTransactionOperations)
    {
    }

    /// <summary>Starts a cluster whose members allow <paramref name="maxTransactionOperations"/> operations per transaction.</summary>
    internal EtcdCluster(int maxTransactionOperations)
    {
        if (!File.Exists("/usr/bin/etcd") && !OnPath("etcd"))
        {
            throw new InvalidOperationException(
                "etcd is not installed, so the etcd engine cannot be tested: install it (Debian: apt-get install etcd-server etcd-client; .ci/run does) and run again.");
        }

        int basePort = FreePortBase();
        string output = Run(
            "start",
            _directory,
            basePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            maxTransactionOperations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Endpoints = output.Trim().Split(',');
        MaxTransactionOperations = maxTransactionOperations;
    }

    /// <summary>The members' client URLs, member i at index i.</summary>
    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>The members' --max-txn-ops.</summary>
    public int MaxTransactionOperations { get; }

    private static string ScriptPath
    {
        get
        {
            string root = typeof(EtcdCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
            return Path.Combine(root, "eng", "etcd-cluster.sh");
        }
    }

    /// <summary>
    /// Options for a store of its own on this cluster (a fresh key prefix unless one is given), with the cluster's
    /// transaction limit and no background compactor (the compaction tests run it on demand).
    /// </summary>
    public EtcdEngineOptions Options(string? keyPrefix = null, Func<EtcdEngineOptions, EtcdEngineOptions>? configure = null)
    {
        var options = new EtcdEngineOptions
        {
            Endpoints = Endpoints,
            KeyPrefix = keyPrefix ?? "test-" + Guid.NewGuid().ToString("N")[..12] + "/",
            CompactionInterval = TimeSpan.Zero,
            MaxTransactionOperations = MaxTransactionOperations,
        };
        return configure is null ? options : configure(options);
    }

    /// <summary>SIGKILLs member <paramref name="member"/>.</summary>
    public void Kill(int member) => Run("kill", _directory, member.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Run("stop", _directory);

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ScriptPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/etcd-cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    // Six consecutive ports (3 members × client and peer) that are free now: the first of a free ephemeral port's
    // neighbourhood, checked by binding each.
    private static int FreePortBase()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int candidate = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (candidate + 6 < 65535 && Enumerable.Range(candidate, 6).All(IsFree))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No six consecutive free ports on 127.0.0.1.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool OnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, name)));
}

/// <summary>Every etcd test class shares one cluster and runs one at a time (each store has its own key prefix).</summary>
[CollectionDefinition(Name)]
public sealed class EtcdCollection : ICollectionFixture<EtcdCluster>
{
    public const string Name = "etcd cluster";
}
