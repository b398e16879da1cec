using TypedStore.Ycsb.Contenders;
using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Tests;

/// <summary>A read passes only when it is a whole row of the key asked for; a scan only when it is in key order from its start.</summary>
public sealed class ReadCheckTests
{
    private const string Key = "user123";

    [Fact]
    public void A_row_built_for_a_key_passes_in_every_version()
    {
        for (int version = 0; version < RowFactory.Versions; version++)
        {
            Usertable row = RowFactory.Build(Key, version);
            RowFactory.Verify("test", Key, row);
            Assert.All(new[] { row.Field0, row.Field1, row.Field9 }, field => Assert.Equal(RowFactory.FieldLength, field.Length));
        }
    }

    [Fact]
    public void A_missing_row_fails() => Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, null));

    [Fact]
    public void Another_keys_row_fails()
    {
        Usertable other = RowFactory.Build("user456", 3);
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, other));
        // Even with the key itself rewritten: field 0 names the key it was written for.
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, other with { Key = Key }));
    }

    [Fact]
    public void A_torn_row_of_two_versions_fails()
    {
        Usertable torn = RowFactory.Build(Key, 1) with { Field7 = RowFactory.Build(Key, 2).Field7 };
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, torn));
    }

    [Fact]
    public void A_truncated_or_altered_field_fails()
    {
        Usertable row = RowFactory.Build(Key, 5);
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, row with { Field4 = row.Field4[..50] }));
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, row with { Field0 = row.Field0[..^1] + "?" }));
        Assert.Throws<YcsbCheckException>(() => RowFactory.Verify("test", Key, row with { Field9 = null! }));
    }

    [Fact]
    public void The_byte_codec_round_trips_a_row()
    {
        Usertable row = RowFactory.Build(Key, 9);
        var buffer = new byte[UsertableCodec.MaxValueBytes];
        int length = UsertableCodec.Encode(row, buffer);
        RowFactory.Verify("test", Key, UsertableCodec.Decode(Key, buffer.AsSpan(0, length)));
        Assert.Throws<InvalidDataException>(() => UsertableCodec.Decode(Key, buffer.AsSpan(0, length - 1)));
    }

    [Fact]
    public void A_scan_must_start_at_its_key_and_ascend()
    {
        Assert.Throws<YcsbCheckException>(() => new ScanCheck("test", "user2", 5).Next("user3"));
        Assert.Throws<YcsbCheckException>(() =>
        {
            var check = new ScanCheck("test", "user2", 5);
            check.Next("user2");
            check.Next("user1");
        });
        Assert.Throws<YcsbCheckException>(() =>
        {
            var check = new ScanCheck("test", "user2", 1);
            check.Next("user2");
            check.Next("user3");
        });
        Assert.Throws<YcsbCheckException>(() => new ScanCheck("test", "user2", 5).Done());
        var good = new ScanCheck("test", "user2", 2);
        good.Next("user2");
        good.Next("user3");
        Assert.True(good.Full);
        good.Done();
    }
}
