using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// Values over <see cref="ValueLimits.MaxValueLength"/>: the value writer throws a <see cref="ValueTooLargeException"/>
/// knowing neither the table nor the member; <see cref="EncodeValue"/> catches it once per row and throws one that
/// names both.
/// </content>
/// <remarks>
/// The member is found on this failure path only, from the bytes already written: the generated formatter writes
/// the members as one MessagePack array in declaration order, so the first element not complete in the writer's
/// buffer is the member being written (<see cref="MessagePackElements"/>), and the table's schema names it. The hot
/// path pays nothing: no member bookkeeping in the generated code, one try region per row.
/// </remarks>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    private ValueTooLargeException ValueTooLarge(ValueTooLargeException writerError, ReadOnlySpan<byte> written)
    {
        string? member = null;
        if (written.Length > ValueEnvelope.HeaderLength && Descriptor.Schema is { } schema)
        {
            int index = MessagePackElements.FirstIncompleteElement(written[ValueEnvelope.HeaderLength..]);
            member = index < schema.Members.Count ? schema.Members[index].Name : null;
        }

        string where = member is null ? string.Empty : $", member '{member}'";
        return new ValueTooLargeException($"Table '{Descriptor.Name}'{where}: the row's value is too large. {writerError.Message}", writerError.Length, writerError)
        {
            Table = Descriptor.Name,
            Member = member,
        };
    }
}
