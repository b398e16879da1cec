using ZoneTree.Serializers;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>ZoneTree's value serializer for the row (ZoneTree serializes on WAL writes and merges, not per read from memory).</summary>
internal sealed class UsertableSerializer : ISerializer<Usertable>
{
    public Usertable Deserialize(Memory<byte> bytes)
    {
        ReadOnlySpan<byte> span = bytes.Span;
        int keyLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span);
        string key = System.Text.Encoding.UTF8.GetString(span.Slice(2, keyLength));
        return UsertableCodec.Decode(key, span[(2 + keyLength)..]);
    }

    public Memory<byte> Serialize(in Usertable entry)
    {
        // The key goes into the value as well: ZoneTree hands the value alone to Deserialize.
        var buffer = new byte[2 + UsertableCodec.MaxKeyBytes + UsertableCodec.MaxValueBytes];
        int keyLength = UsertableCodec.EncodeKey(entry.Key, buffer.AsSpan(2));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)keyLength);
        int valueLength = UsertableCodec.Encode(entry, buffer.AsSpan(2 + keyLength));
        return buffer.AsMemory(0, 2 + keyLength + valueLength);
    }
}
