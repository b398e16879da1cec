using MessagePack;
using TypedStore.Values;

namespace TypedStore.Tests.Values;

/// <summary><see cref="MessagePackElements"/> finds the member being written when a value writer gave up.</summary>
public sealed class MessagePackElementsTests
{
    [Fact]
    public void FirstIncompleteElement_IsTheElementCutShort_WhateverItsType()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(9);
        writer.Write(-1_000_000L);
        writer.Write("é and some text");
        writer.Write(new byte[300]);
        writer.WriteMapHeader(2);
        writer.Write("a");
        writer.WriteArrayHeader(2);
        writer.Write(1.5);
        writer.WriteNil();
        writer.Write("b");
        writer.Write(true);
        writer.Write(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)); // timestamp extension
        writer.Write(ulong.MaxValue);
        writer.Write(new string('x', 70_000));
        writer.WriteArrayHeader(20);
        for (int i = 0; i < 20; i++)
        {
            writer.Write(i * 1000);
        }

        writer.Write(float.NaN);
        writer.Flush();
        byte[] bytes = buffer.WrittenSpan.ToArray();

        Assert.Equal(9, MessagePackElements.FirstIncompleteElement(bytes));
        int previous = 0;
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            int index = MessagePackElements.FirstIncompleteElement(bytes.AsSpan(0, cut));
            Assert.InRange(index, previous, 8);
            previous = index;
        }

        Assert.Equal(8, MessagePackElements.FirstIncompleteElement(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Equal(0, MessagePackElements.FirstIncompleteElement(bytes.AsSpan(0, 2)));
    }
}
