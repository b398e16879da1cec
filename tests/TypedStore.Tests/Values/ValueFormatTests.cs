using MessagePack;
using TypedStore.Values;

namespace TypedStore.Tests.Values;

public class ValueFormatTests
{
    private delegate void Write(ref ValueWriter writer);

    private delegate T Read<T>(ref MessagePackReader reader);

    [Fact]
    public void Guid_IsA16ByteBin_InRfc9562Order()
    {
        var guid = new Guid("00112233-4455-6677-8899-aabbccddeeff");

        byte[] bytes = Encode((ref ValueWriter w) => ValueFormat.WriteGuid(ref w, guid));

        // bin8 header (0xC4, length 16), then the bytes in the order the text shows them.
        Assert.Equal([0xC4, 16, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF], bytes);
        Assert.Equal(guid, Decode(bytes, (ref MessagePackReader r) => ValueFormat.ReadGuid(ref r)));
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Local)]
    public void DateTime_KeepsTicksAndKind(DateTimeKind kind)
    {
        var value = new DateTime(2026, 7, 8, 9, 10, 11, 123, kind);

        DateTime back = Decode(Encode((ref ValueWriter w) => ValueFormat.WriteDateTime(ref w, value)), (ref MessagePackReader r) => ValueFormat.ReadDateTime(ref r));

        Assert.Equal(value, back);
        Assert.Equal(kind, back.Kind);
    }

    [Fact]
    public void DateTimeOffset_KeepsTheOffset()
    {
        var value = new DateTimeOffset(2026, 7, 8, 9, 10, 11, TimeSpan.FromMinutes(-150));

        DateTimeOffset back = Decode(Encode((ref ValueWriter w) => ValueFormat.WriteDateTimeOffset(ref w, value)), (ref MessagePackReader r) => ValueFormat.ReadDateTimeOffset(ref r));

        Assert.Equal(value, back);
        Assert.Equal(value.Offset, back.Offset);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-12345.678900")]
    public void Decimal_RoundTripsExactly_IncludingScale(string text)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        decimal back = Decode(Encode((ref ValueWriter w) => ValueFormat.WriteDecimal(ref w, value)), (ref MessagePackReader r) => ValueFormat.ReadDecimal(ref r));

        Assert.Equal(value, back);
        Assert.Equal(value.Scale, back.Scale);
    }

    [Fact]
    public void DateOnly_TimeOnly_TimeSpan_RoundTrip()
    {
        byte[] bytes = Encode((ref ValueWriter w) =>
        {
            ValueFormat.WriteDateOnly(ref w, DateOnly.MaxValue);
            ValueFormat.WriteTimeOnly(ref w, new TimeOnly(23, 59, 59, 999));
            ValueFormat.WriteTimeSpan(ref w, TimeSpan.MinValue);
        });

        var reader = new MessagePackReader(bytes);
        Assert.Equal(DateOnly.MaxValue, ValueFormat.ReadDateOnly(ref reader));
        Assert.Equal(new TimeOnly(23, 59, 59, 999), ValueFormat.ReadTimeOnly(ref reader));
        Assert.Equal(TimeSpan.MinValue, ValueFormat.ReadTimeSpan(ref reader));
        Assert.True(reader.End);
    }

    [Fact]
    public void WrongShapes_ThrowMessagePackSerializationException()
    {
        byte[] notAGuid = Encode((ref ValueWriter w) => w.Write(new byte[15]));
        byte[] notAnOffset = Encode((ref ValueWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(1);
            w.Write(2);
            w.Write(3);
        });

        Assert.Throws<MessagePackSerializationException>(() => Decode(notAGuid, (ref MessagePackReader r) => ValueFormat.ReadGuid(ref r)));
        Assert.Throws<MessagePackSerializationException>(() => Decode(notAnOffset, (ref MessagePackReader r) => ValueFormat.ReadDateTimeOffset(ref r)));
        Assert.Throws<MessagePackSerializationException>(() => ValueFormat.CheckReadDepth(ValueFormat.MaxDepth + 1));
        Assert.Throws<InvalidOperationException>(() => ValueFormat.CheckWriteDepth(ValueFormat.MaxDepth + 1));
    }

    private static byte[] Encode(Write write)
    {
        var writer = new ValueWriter(stackalloc byte[64]);
        write(ref writer);
        byte[] bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return bytes;
    }

    private static T Decode<T>(byte[] bytes, Read<T> read)
    {
        var reader = new MessagePackReader(bytes);
        return read(ref reader);
    }
}
