using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>A column family on etcd: a key prefix (<see cref="EtcdKeyLayout"/>).</summary>
internal sealed class EtcdColumnFamily : StorageColumnFamily
{
    public EtcdColumnFamily(EtcdStorageEngine engine, string name, int index, byte[] prefix)
        : base(name, index)
    {
        Engine = engine;
        Prefix = prefix;
        End = EtcdKeyLayout.PrefixEnd(prefix);
    }

    /// <summary>The engine that opened it.</summary>
    public EtcdStorageEngine Engine { get; }

    /// <summary>Every key of the family starts with this.</summary>
    public byte[] Prefix { get; }

    /// <summary>The exclusive end of the family's keys.</summary>
    public byte[] End { get; }

    /// <summary>The etcd key of <paramref name="key"/>.</summary>
    public byte[] FullKey(ReadOnlySpan<byte> key)
    {
        byte[] full = new byte[Prefix.Length + key.Length];
        Prefix.CopyTo(full, 0);
        key.CopyTo(full.AsSpan(Prefix.Length));
        return full;
    }

    /// <summary>The etcd key of an iterator's or range's lower bound (inclusive); the family's start when empty.</summary>
    public byte[] LowerBound(ReadOnlySpan<byte> key) => key.IsEmpty ? Prefix : FullKey(key);

    /// <summary>The etcd key of an exclusive upper bound; the family's end when empty.</summary>
    public byte[] UpperBound(ReadOnlySpan<byte> key) => key.IsEmpty ? End : FullKey(key);
}
