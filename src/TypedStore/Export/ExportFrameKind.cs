namespace TypedStore.Export;

/// <summary>What a frame of the native export format holds (docs/export-format.md, "Frames").</summary>
internal enum ExportFrameKind : byte
{
    /// <summary>Starts a table: its name, kind, options, schema, id sequence and the column families that follow.</summary>
    TableStart = 1,

    /// <summary>Starts one column family of the current table (the table's rows, then each index).</summary>
    ColumnFamilyStart = 2,

    /// <summary>A run of rows of the current column family, in key order.</summary>
    Rows = 3,

    /// <summary>Ends the current column family: its row count and the CRC-32 of all its rows.</summary>
    ColumnFamilyEnd = 4,

    /// <summary>Ends the current table.</summary>
    TableEnd = 5,

    /// <summary>Ends the export: table and row totals. Nothing may follow.</summary>
    End = 6,
}
