using TypedStore.Storage;
using TypedStore.Tests.EndToEnd;
using TypedStore.Values;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// etcd's transaction limits (operations and bytes): refused before anything is sent with
/// <see cref="BatchTooLargeException"/> naming the option, nothing written; when the server's limit is lower than the
/// options say, the server's refusal becomes the same exception. Writes of one key collapse, so a long batch of them fits.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdLimitsTests(EtcdCluster cluster)
{
    private EtcdEngineOptions Options(int maxOperations = EtcdEngineOptions.DefaultMaxTransactionOperations, int maxBytes = EtcdEngineOptions.DefaultMaxRequestBytes)
        => cluster.Options(configure: o => new EtcdEngineOptions
        {
            Endpoints = o.Endpoints,
            KeyPrefix = o.KeyPrefix,
            CompactionInterval = TimeSpan.Zero,
            MaxTransactionOperations = maxOperations,
            MaxRequestBytes = maxBytes,
        });

    [Fact]
    public void BatchOverTheOperationLimit_IsRefused_NamingIt_AndWritesNothing()
    {
        using StorageEngine engine = EtcdEngine.Connect(Options()).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, "k0"u8, "before"u8);
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        for (int i = 0; i < 128; i++)
        {
            batch.Put(alpha, System.Text.Encoding.ASCII.GetBytes("k" + i), "after"u8);
        }

        var error = Assert.Throws<BatchTooLargeException>(() => engine.Write(batch));

        Assert.Equal("EtcdEngineOptions.MaxTransactionOperations", error.LimitName);
        Assert.Equal(128, error.Limit);
        Assert.Equal(129, error.Actual);
        Assert.Contains("Nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, engine.GetCapability<IStorageMaintenance>().EstimateKeyCount(alpha));
        Assert.Equal(6, engine.Get(alpha, "k0"u8, new byte[8]));

        // 127 writes (plus the engine's lane) fit.
        using StorageWriteBatch fits = engine.CreateWriteBatch();
        for (int i = 0; i < 127; i++)
        {
            fits.Put(alpha, System.Text.Encoding.ASCII.GetBytes("k" + i), "after"u8);
        }

        engine.Write(fits);
        Assert.Equal(127, engine.GetCapability<IStorageMaintenance>().EstimateKeyCount(alpha));
    }

    [Fact]
    public void WritesOfOneKey_Collapse_SoALongBatchOfThemFits_AndTheLastWins()
    {
        using StorageEngine engine = EtcdEngine.Connect(Options()).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        for (int i = 0; i < 1000; i++)
        {
            batch.Put(alpha, "same"u8, System.Text.Encoding.ASCII.GetBytes("v" + i));
            batch.Delete(alpha, "same"u8);
            batch.DeleteRange(alpha, "a"u8, "z"u8);
        }

        batch.Put(alpha, "same"u8, "last"u8);
        engine.Write(batch);

        byte[] buffer = new byte[8];
        Assert.Equal(4, engine.Get(alpha, "same"u8, buffer));
        Assert.Equal("last"u8.ToArray(), buffer[..4]);
    }

    [Fact]
    public void BatchOverTheByteLimit_AndOneHugePut_AreRefused_NamingIt_AndWriteNothing()
    {
        using StorageEngine engine = EtcdEngine.Connect(Options()).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        byte[] megabyte = new byte[1024 * 1024];
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        batch.Put(alpha, "a"u8, megabyte);
        batch.Put(alpha, "b"u8, megabyte);

        var error = Assert.Throws<BatchTooLargeException>(() => engine.Write(batch));
        Assert.Equal("EtcdEngineOptions.MaxRequestBytes", error.LimitName);
        Assert.True(error.Actual > error.Limit);

        var single = Assert.Throws<BatchTooLargeException>(() => engine.Put(alpha, "c"u8, new byte[2 * 1024 * 1024]));
        Assert.Equal("EtcdEngineOptions.MaxRequestBytes", single.LimitName);
        Assert.Equal(0, engine.GetCapability<IStorageMaintenance>().EstimateKeyCount(alpha));

        engine.Put(alpha, "a"u8, megabyte);
        Assert.Equal(megabyte.Length, engine.Get(alpha, "a"u8, []));
    }

    [Fact]
    public void ServerLimitsBelowTheOptions_AreReportedTheSameWay_AndWriteNothing()
    {
        // The options claim more than the shared cluster's --max-txn-ops (4,096) and --max-request-bytes (1.5 MiB).
        using StorageEngine engine = EtcdEngine.Connect(Options(maxOperations: 10_000, maxBytes: 8 * 1024 * 1024)).Open(["alpha"], new StoreOptions());
        StorageColumnFamily alpha = engine.GetColumnFamily("alpha");
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        for (int i = 0; i < EtcdCluster.SharedMaxTransactionOperations + 10; i++)
        {
            batch.Put(alpha, System.Text.Encoding.ASCII.GetBytes("k" + i), "v"u8);
        }

        Assert.Equal("EtcdEngineOptions.MaxTransactionOperations", Assert.Throws<BatchTooLargeException>(() => engine.Write(batch)).LimitName);
        Assert.Equal("EtcdEngineOptions.MaxRequestBytes", Assert.Throws<BatchTooLargeException>(() => engine.Put(alpha, "big"u8, new byte[3 * 1024 * 1024])).LimitName);
        Assert.Equal(0, engine.GetCapability<IStorageMaintenance>().EstimateKeyCount(alpha));
    }

    [Fact]
    public void StorePutMany_OverTheLimit_IsRefused_AndTheTableIsUnchanged()
    {
        using ChatStore store = ChatStore.Open(EtcdEngine.Connect(Options()));
        store.Users.Put(new User("keep", "k", "k@x"));
        var users = Enumerable.Range(0, 200).Select(i => new User($"u{i:D3}", "n", "x")).ToList();

        var error = Assert.Throws<BatchTooLargeException>(() => store.Users.PutMany(users));

        Assert.Contains("MaxTransactionOperations", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.Users.Count());
        store.Users.PutMany(users.Take(100));
        Assert.Equal(101, store.Users.Count());
    }

    [Fact]
    public void BadOptions_AreRefused_NamingTheOption()
    {
        void Refused(string option, EtcdEngineOptions options)
            => Assert.Contains(option, Assert.ThrowsAny<ArgumentException>(() => EtcdEngine.Connect(options)).Message, StringComparison.Ordinal);

        Refused("Endpoints", new EtcdEngineOptions());
        Refused("Endpoints", new EtcdEngineOptions { Endpoints = ["127.0.0.1:2379"] });
        Refused("RequestTimeout", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], RequestTimeout = TimeSpan.Zero });
        Refused("OperationTimeout", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], OperationTimeout = TimeSpan.FromMilliseconds(1) });
        Refused("MaxTransactionOperations", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], MaxTransactionOperations = 1 });
        Refused("MaxRequestBytes", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], MaxRequestBytes = 10 });
        Refused("PageSize", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], PageSize = 0 });
        Refused("CompactionInterval", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], CompactionInterval = TimeSpan.FromSeconds(-1) });
        Refused("CompactionRetainedRevisions", new EtcdEngineOptions { Endpoints = ["http://127.0.0.1:2379"], CompactionRetainedRevisions = -1 });
    }
}
