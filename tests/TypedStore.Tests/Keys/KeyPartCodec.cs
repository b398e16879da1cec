using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>Writes one key part of type <typeparamref name="T"/> (a lambda over a ref struct).</summary>
internal delegate void PartWriter<in T>(ref KeyWriter writer, T value, bool descending);

/// <summary>Reads one key part of type <typeparamref name="T"/>.</summary>
internal delegate T PartReader<out T>(ref KeyReader reader, bool descending);

/// <summary>Encodes single parts for tests that look at one part's bytes.</summary>
internal static class KeyPartCodec
{
    public static byte[] Encode<T>(T value, PartWriter<T> write, bool descending = false)
    {
        var writer = new KeyWriter(stackalloc byte[32]);
        try
        {
            write(ref writer, value, descending);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static byte[] EncodeString(string value, bool descending = false)
        => Encode(value, static (ref KeyWriter w, string v, bool d) => w.WriteString(v, d), descending);

    public static byte[] Inverted(byte[] bytes) => Array.ConvertAll(bytes, b => (byte)~b);
}
