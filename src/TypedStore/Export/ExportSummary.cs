namespace TypedStore;

/// <summary>What an export wrote or an import applied.</summary>
/// <param name="Tables">Tables in the stream.</param>
/// <param name="Rows">Entries in the stream: rows (deletion markers included) and index entries.</param>
/// <param name="Bytes">Key and value bytes of those entries (the stream adds its framing).</param>
public readonly record struct ExportSummary(int Tables, long Rows, long Bytes);
