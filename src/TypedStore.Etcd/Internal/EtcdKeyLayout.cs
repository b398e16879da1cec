using System.Text;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// Where a store's keys live in etcd's one flat keyspace: <c>escape(KeyPrefix) 00 01</c>, then a kind byte (01 data,
/// 02 the engine's own bookkeeping), then for data <c>escape(column family) 00 01</c> and the key's own bytes.
/// </summary>
/// <remarks>
/// Escaping turns every 00 byte into 00 FF and the terminator is 00 01, so an escaped, terminated name is never a prefix
/// of another one: "chat/" becomes <c>chat/ 00 01</c> and "chat/x" <c>chat/x 00 01</c>, which differ at byte 5. Two
/// stores whose prefixes overlap as strings therefore have disjoint key ranges, and so do two column families of a store.
/// The key itself is appended unescaped, so keys sort inside a column family exactly as they do in RocksDB (memcmp).
/// Names stay readable in <c>etcdctl get --prefix</c>. The compaction floors of every store on the cluster live under
/// <see cref="CompactionFloorsPrefix"/> (00 00 ...), which no escaped prefix can start with.
/// </remarks>
internal sealed class EtcdKeyLayout
{
    private const byte DataKind = 0x01;
    private const byte MetaKind = 0x02;

    /// <summary>Where every store on the cluster registers the oldest revision it still reads (for compaction).</summary>
    public static readonly byte[] CompactionFloorsPrefix = [0x00, 0x00, .. "typedstore/compaction-floors/"u8];

    public EtcdKeyLayout(string keyPrefix)
    {
        StorePrefix = EscapeTerminated(Encoding.UTF8.GetBytes(keyPrefix));
        DataPrefix = [.. StorePrefix, DataKind];
        MetaPrefix = [.. StorePrefix, MetaKind];
    }

    /// <summary>The escaped, terminated store prefix.</summary>
    public byte[] StorePrefix { get; }

    /// <summary>Where the store's column families start.</summary>
    public byte[] DataPrefix { get; }

    /// <summary>Where the engine's own keys (commit lanes) start.</summary>
    public byte[] MetaPrefix { get; }

    /// <summary>The prefix of one column family's keys.</summary>
    public byte[] ColumnFamilyPrefix(string name) => [.. DataPrefix, .. EscapeTerminated(Encoding.UTF8.GetBytes(name))];

    /// <summary>The prefix of one engine instance's commit lanes.</summary>
    public byte[] LanePrefix(ReadOnlySpan<byte> engineId) => [.. MetaPrefix, .. "lanes/"u8, .. engineId, (byte)'/'];

    /// <summary>The exclusive end of every key starting with <paramref name="prefix"/> (its last byte incremented; prefixes here never end in FF).</summary>
    public static byte[] PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        byte[] end = prefix.ToArray();
        for (int i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] != 0xFF)
            {
                end[i]++;
                return end.AsSpan(0, i + 1).ToArray();
            }
        }

        // All FF: every key after the prefix. etcd's "\0" range end means "to the end of the keyspace".
        return [0x00];
    }

    /// <summary>Every 00 byte becomes 00 FF, then 00 01 terminates.</summary>
    public static byte[] EscapeTerminated(ReadOnlySpan<byte> name)
    {
        int zeros = 0;
        foreach (byte b in name)
        {
            if (b == 0)
            {
                zeros++;
            }
        }

        byte[] escaped = new byte[name.Length + zeros + 2];
        int at = 0;
        foreach (byte b in name)
        {
            escaped[at++] = b;
            if (b == 0)
            {
                escaped[at++] = 0xFF;
            }
        }

        escaped[at++] = 0x00;
        escaped[at] = 0x01;
        return escaped;
    }
}
