using TypedStore.Tests.EndToEnd;

namespace TypedStore.Etcd.Tests;

/// <summary>A store opened read-only on etcd reads what a writer stored and refuses every write, writing nothing.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdReadOnlyTests(EtcdCluster cluster)
{
    [Fact]
    public void ReadOnlyStore_ReadsTheWritersRows_AndRefusesWrites()
    {
        EtcdEngineOptions options = cluster.Options();
        using (ChatStore writer = ChatStore.Open(EtcdEngine.Connect(options)))
        {
            writer.Users.Put(new User("u1", "Ada", "ada@x"));
        }

        using ChatStore reader = ChatStore.Open(EtcdEngine.Connect(options), new StoreOptions { ReadOnly = true });

        Assert.Equal("Ada", reader.Users.Get("u1")!.Name);
        Assert.Throws<InvalidOperationException>(() => reader.Users.Put(new User("u2", "Bob", "bob@x")));
        Assert.Throws<InvalidOperationException>(() => reader.Users.Delete("u1"));
        Assert.Equal(1, reader.Users.Count());
    }
}
