using System.Buffers;
using MessagePack;
using TypedStore.Values;

namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>
/// Turns the catalog of a closed store into what catalog format 1 wrote, before the table options were recorded:
/// <c>__tables</c> rows end after <c>Updated</c> (their first four members) and <c>__store</c> says format 1. Every
/// byte a format-1 build wrote is kept; only what later builds appended is cut off.
/// </summary>
internal static class LegacyCatalog
{
    /// <summary>The members of a <c>__tables</c> row in format 1: Kind, SchemaVersion, Created, Updated.</summary>
    private const int Format1TableMembers = 4;

    /// <summary>Rewrites the catalog rows of <paramref name="dump"/> through <paramref name="put"/> (column family, key, value).</summary>
    public static void Rewrite(StoreDump dump, Action<string, byte[], byte[]> put)
    {
        foreach ((byte[] key, byte[] value) in dump["__tables"])
        {
            put("__tables", key, Truncate(value, Format1TableMembers, firstMember: null));
        }

        foreach ((byte[] key, byte[] value) in dump["__store"])
        {
            put("__store", key, Truncate(value, int.MaxValue, firstMember: 1));
        }
    }

    // Keeps the value header and the first 'keep' elements of the member array; optionally replaces the first one by an int.
    private static byte[] Truncate(byte[] value, int keep, int? firstMember)
    {
        var reader = new MessagePackReader(value.AsMemory(ValueEnvelope.HeaderLength));
        int count = reader.ReadArrayHeader();
        int kept = Math.Min(count, keep);
        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(kept);
        for (int i = 0; i < kept; i++)
        {
            ReadOnlySequence<byte> element = reader.ReadRaw();
            if (i == 0 && firstMember is { } replacement)
            {
                writer.Write(replacement);
            }
            else
            {
                writer.WriteRaw(element);
            }
        }

        writer.Flush();
        return [.. value.AsSpan(0, ValueEnvelope.HeaderLength), .. body.WrittenSpan];
    }
}
