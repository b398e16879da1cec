using TypedStore.Catalog;

namespace TypedStore.Export;

/// <summary>
/// What a <see cref="ExportFrameKind.TableStart"/> frame says about a table: enough for an importer to check the
/// target's table is the same (kind, options, schema, indexes) before it writes a single row.
/// </summary>
/// <param name="Name">The table's name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Options">Its kind and options in one line (<see cref="StoredTable.OptionsText"/>).</param>
/// <param name="Schema">Its current schema in one line (<c>TableSchema.ToString()</c>).</param>
/// <param name="SequenceReserved">The highest id its generated-id sequence reserved (0: none).</param>
/// <param name="Indexes">Its built indexes, each in one line (<see cref="StoredTable.Describe"/>), in name order.</param>
/// <param name="IndexColumnFamilies">The indexes' column families, in the same order: the frames of each follow the table's own.</param>
internal sealed record ExportTableHeader(string Name, TableKind Kind, string Options, string Schema, long SequenceReserved, IReadOnlyList<string> Indexes, IReadOnlyList<string> IndexColumnFamilies)
{
    public static ExportTableHeader Of(StoredTable table)
    {
        string[] indexes = new string[table.Indexes.Count];
        string[] columnFamilies = new string[table.Indexes.Count];
        for (int i = 0; i < indexes.Length; i++)
        {
            indexes[i] = StoredTable.Describe(table.Indexes[i]);
            columnFamilies[i] = StoredTable.IndexColumnFamily(table.Indexes[i]);
        }

        return new ExportTableHeader(table.Name, table.Record.Kind, table.OptionsText, table.Schema.ToString(), table.SequenceReserved, indexes, columnFamilies);
    }

    public void Write(ExportPayloadWriter payload)
    {
        payload.WriteString(Name);
        payload.WriteByte((byte)Kind);
        payload.WriteString(Options);
        payload.WriteString(Schema);
        payload.WriteInt64(SequenceReserved);
        payload.WriteUInt16((ushort)Indexes.Count);
        for (int i = 0; i < Indexes.Count; i++)
        {
            payload.WriteString(Indexes[i]);
            payload.WriteString(IndexColumnFamilies[i]);
        }
    }

    public static ExportTableHeader Read(ReadOnlySpan<byte> bytes)
    {
        ExportPayloadReader reader = new(bytes, "table start");
        string name = reader.ReadString();
        TableKind kind = (TableKind)reader.ReadByte();
        string options = reader.ReadString();
        string schema = reader.ReadString();
        long sequence = reader.ReadInt64();
        int count = reader.ReadUInt16();
        string[] indexes = new string[count];
        string[] columnFamilies = new string[count];
        for (int i = 0; i < count; i++)
        {
            indexes[i] = reader.ReadString();
            columnFamilies[i] = reader.ReadString();
        }

        reader.RequireEnd();
        if (name.Length == 0 || !Enum.IsDefined(kind) || sequence < 0)
        {
            throw new ExportFormatException($"The export stream is damaged: the start of table '{name}' is invalid.") { Table = name };
        }

        return new ExportTableHeader(name, kind, options, schema, sequence, indexes, columnFamilies);
    }
}
