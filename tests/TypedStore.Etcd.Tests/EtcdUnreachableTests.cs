using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TypedStore.Tests.EndToEnd;
using Xunit.Abstractions;

namespace TypedStore.Etcd.Tests;

/// <summary>Opening a store on a cluster nobody answers for fails within the connect timeout, naming the endpoints.</summary>
public sealed class EtcdUnreachableTests(ITestOutputHelper output)
{
    [Fact]
    public void Open_OnAnUnreachableCluster_FailsNamingTheEndpointsAndTheTimeout()
    {
        string endpoint = "http://127.0.0.1:" + ClosedPort();
        var options = new EtcdEngineOptions { Endpoints = [endpoint], ConnectTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromMilliseconds(500) };
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<StorageEngineException>(() => ChatStore.Open(EtcdEngine.Connect(options)));

        output.WriteLine($"failed after {watch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectTimeout", error.Message, StringComparison.Ordinal);
    }

    // A port nothing listens on: bound for a moment by us, then released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
