using System.Text;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Net.Client;
using TypedStore.Storage;
using TypedStore.Tests.EndToEnd;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// Stores whose key prefixes overlap as strings ("chat/", "chat/x", "chat", and one with a 00 byte) share a cluster
/// without seeing each other: same tables, same keys, writes, range deletes, scans, counts and drops stay in their store.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdIsolationTests(EtcdCluster cluster)
{
    [Fact]
    public void StoresWithOverlappingPrefixes_AreIsolated()
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        string[] prefixes = [$"{run}/chat/", $"{run}/chat/x", $"{run}/chat", $"{run}/chat/\0"];
        var stores = prefixes.Select(p => ChatStore.Open(EtcdEngine.Connect(cluster.Options(p)))).ToList();
        try
        {
            for (int s = 0; s < stores.Count; s++)
            {
                for (int i = 0; i <= s; i++)
                {
                    stores[s].Users.Put(new User("u" + i, "store" + s, "x@y"));
                    stores[s].Messages.Put(new Message("u" + i, 1, "from store " + s, DateTime.UnixEpoch));
                }
            }

            for (int s = 0; s < stores.Count; s++)
            {
                Assert.Equal(s + 1, stores[s].Users.Count());
                Assert.All(stores[s].Users.ScanAll(), u => Assert.Equal("store" + s, u.Name));
                Assert.All(stores[s].Messages.ScanAll(reverse: true), m => Assert.Equal("from store " + s, m.Text));
            }

            // A range delete (every message of u0) and a point delete in one store touch no other.
            stores[1].Messages.DeleteUser("u0");
            stores[1].Users.Delete("u1");
            Assert.Equal(0, stores[1].Messages.CountUser("u0"));
            for (int s = 0; s < stores.Count; s++)
            {
                if (s != 1)
                {
                    Assert.Equal(1, stores[s].Messages.CountUser("u0"));
                    Assert.Equal(s + 1, stores[s].Users.Count());
                }
            }
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }

        // Every key the stores wrote is under its own escaped prefix, and no store's keys lie under another's.
        using GrpcChannel channel = GrpcChannel.ForAddress(cluster.Endpoints[0]);
        RangeResponse everything = new KV.KVClient(channel).Range(new RangeRequest
        {
            Key = ByteString.CopyFrom(Encoding.UTF8.GetBytes(run)),
            RangeEnd = ByteString.CopyFrom(Encoding.UTF8.GetBytes(run + "0")),
            KeysOnly = true,
        });
        var escaped = prefixes.Select(p => Internal.EtcdKeyLayout.EscapeTerminated(Encoding.UTF8.GetBytes(p))).ToList();
        Assert.NotEmpty(everything.Kvs);
        foreach (var entry in everything.Kvs)
        {
            Assert.Single(escaped, e => entry.Key.Span.StartsWith(e));
        }
    }

    [Fact]
    public void ColumnFamiliesWithOverlappingNames_AreIsolated()
    {
        using StorageEngine engine = EtcdEngine.Connect(cluster.Options()).Open(["t", "t/x", "t\0"], new StoreOptions());
        foreach (StorageColumnFamily family in engine.ColumnFamilies)
        {
            engine.Put(family, "k"u8, Encoding.UTF8.GetBytes(family.Name));
        }

        engine.DeleteRange(engine.GetColumnFamily("t"), [], [0xFF, 0xFF]);
        Assert.Equal(-1, engine.Get(engine.GetColumnFamily("t"), "k"u8, new byte[8]));
        Assert.Equal(3, engine.Get(engine.GetColumnFamily("t/x"), "k"u8, new byte[8]));
        Assert.Equal(2, engine.Get(engine.GetColumnFamily("t\0"), "k"u8, new byte[8]));
    }
}
