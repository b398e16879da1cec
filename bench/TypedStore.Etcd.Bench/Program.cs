using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TypedStore.Etcd;
using TypedStore.Etcd.Bench;

// The etcd engine against RocksDB through the same typed store (docs/scale-out.md): put, get, a batch of 100 puts and a
// scan of 100 rows, one at a time, p50 and p99 latency and the etcd/RocksDB ratio of the medians.
//
//   dotnet run -c Release --project bench/TypedStore.Etcd.Bench [-- --ops N] [--endpoints http://127.0.0.1:2379,...]
//
// Without --endpoints it starts a 3-member cluster on 127.0.0.1 with eng/etcd-cluster.sh and stops it at the end.
int ops = 300;
string? endpoints = null;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--ops")
    {
        ops = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--endpoints")
    {
        endpoints = args[i + 1];
    }
}

string root = typeof(BenchRow).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
string work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "typedstore-etcd-bench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
string clusterDirectory = Path.Combine(work, "cluster");
try
{
    endpoints ??= Script(root, "start", clusterDirectory, "25790").Trim();
    var options = new EtcdEngineOptions { Endpoints = endpoints.Split(','), KeyPrefix = "bench-" + Guid.NewGuid().ToString("N")[..8] + "/" };
    using BenchStore rocksDb = BenchStore.Open(Path.Combine(work, "rocksdb"));
    using BenchStore etcd = BenchStore.Open(EtcdEngine.Connect(options));
    Console.WriteLine($"{ops} operations per line, one at a time; RocksDB: WAL on, no fsync per write (the default); etcd: 3 members on 127.0.0.1, every write fsynced by a quorum.");
    Console.WriteLine();
    Console.WriteLine("| operation | RocksDB p50 | etcd p50 | etcd p99 | etcd/RocksDB (p50) |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach ((string name, Action<BenchStore, int> run) in Operations())
    {
        // Warm both up (JIT, connections), then alternate in chunks so neither gets the quieter moments of the machine.
        Measure(rocksDb, run, 20);
        Measure(etcd, run, 20);
        var r = new List<double>();
        var e = new List<double>();
        for (int chunk = 0; chunk < 3; chunk++)
        {
            r.AddRange(Measure(rocksDb, run, ops / 3));
            e.AddRange(Measure(etcd, run, ops / 3));
        }

        double rp50 = Percentile(r, 0.5), ep50 = Percentile(e, 0.5), ep99 = Percentile(e, 0.99);
        Console.WriteLine(FormattableString.Invariant($"| {name} | {rp50:0.000} ms | {ep50:0.000} ms | {ep99:0.000} ms | {ep50 / rp50:0}× |"));
    }

    // What the engine adds to a put: a bare etcd Put RPC on the same cluster (no transaction, no commit lane, no codec).
    using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(options.Endpoints[0]);
    var kv = new Etcdserverpb.KV.KVClient(channel);
    var raw = new List<double>();
    for (int i = 0; i < ops + 20; i++)
    {
        long started = Stopwatch.GetTimestamp();
        kv.Put(new Etcdserverpb.PutRequest { Key = Google.Protobuf.ByteString.CopyFromUtf8(options.KeyPrefix + "raw/" + i), Value = Google.Protobuf.ByteString.CopyFromUtf8(Payload(i)) });
        if (i >= 20)
        {
            raw.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    Console.WriteLine(FormattableString.Invariant($"| put, bare etcd Put RPC (baseline) | | {Percentile(raw, 0.5):0.000} ms | {Percentile(raw, 0.99):0.000} ms | |"));
}
finally
{
    if (Directory.Exists(clusterDirectory))
    {
        Script(root, "stop", clusterDirectory);
    }

    Directory.Delete(work, recursive: true);
}

return 0;

static IEnumerable<(string Name, Action<BenchStore, int> Run)> Operations()
{
    yield return ("put", static (store, i) => store.Rows.Put(new BenchRow("put", i, Payload(i))));
    yield return ("get (hit)", static (store, i) =>
    {
        if (store.Rows.Get("scan-0", i % 100) is null)
        {
            throw new InvalidOperationException("a prefilled row is missing");
        }
    });
    yield return ("batch of 100 puts", static (store, i) =>
    {
        using BenchStoreBatch batch = store.CreateBatch();
        for (int n = 0; n < 100; n++)
        {
            batch.Rows.Put(new BenchRow("batch-" + (i % 10), n, Payload(i)));
        }

        batch.Commit();
    });
    yield return ("scan of 100 rows", static (store, i) =>
    {
        int count = 0;
        foreach (BenchRow row in store.Rows.Scan("scan-" + (i % 4)))
        {
            count += row.N >= 0 ? 1 : 0;
        }

        if (count != 100)
        {
            throw new InvalidOperationException($"scanned {count} rows, not 100");
        }
    });
}

static double[] Measure(BenchStore store, Action<BenchStore, int> run, int count)
{
    Prefill(store);
    var times = new double[count];
    for (int i = 0; i < count; i++)
    {
        long started = Stopwatch.GetTimestamp();
        run(store, i);
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    return times;
}

// Four groups of 100 rows to read and scan (written once per store, in batches of 100).
static void Prefill(BenchStore store)
{
    if (store.Rows.Get("scan-3", 99) is not null)
    {
        return;
    }

    for (int group = 0; group < 4; group++)
    {
        using BenchStoreBatch batch = store.CreateBatch();
        for (int n = 0; n < 100; n++)
        {
            batch.Rows.Put(new BenchRow("scan-" + group, n, Payload(n)));
        }

        batch.Commit();
    }
}

static string Payload(int i) => "payload-" + i.ToString(CultureInfo.InvariantCulture).PadLeft(90, '.');

static double Percentile(List<double> values, double p)
{
    double[] sorted = [.. values];
    Array.Sort(sorted);
    return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

static string Script(string root, params string[] arguments)
{
    var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
    start.ArgumentList.Add(Path.Combine(root, "eng", "etcd-cluster.sh"));
    foreach (string argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using Process process = Process.Start(start)!;
    string output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output : throw new InvalidOperationException($"eng/etcd-cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode})");
}
