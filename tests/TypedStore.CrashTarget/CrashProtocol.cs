using System.Globalization;
using System.Text;

namespace TypedStore.CrashTarget;

/// <summary>
/// What the crash target and the test that kills it agree on: the command line, the options of each durability
/// mode, the row ids, the payloads, and the acknowledgement lines the target prints after each write returns.
/// </summary>
/// <remarks>
/// A line is <c>{op} {id} {size} .</c>; the final <c>.</c> marks a complete line, so a line cut short by the kill is
/// never mistaken for an acknowledgement. Every line but <see cref="DeleteIntentOp"/> acknowledges a completed write.
/// </remarks>
public static class CrashProtocol
{
    /// <summary>Printed once the store is open.</summary>
    public const string Ready = "READY";

    /// <summary>A single <c>Put</c> of an item returned.</summary>
    public const string PutOp = "P";

    /// <summary>A <c>Delete</c> of an item acknowledged earlier is about to start (not an acknowledgement).</summary>
    /// <remarks>
    /// Without it, a delete that completed but whose acknowledgement the kill cut off would look like a lost put.
    /// </remarks>
    public const string DeleteIntentOp = "d";

    /// <summary>A <c>Delete</c> of an item acknowledged earlier returned.</summary>
    public const string DeleteOp = "D";

    /// <summary>A cross-table batch (items, ledger entries, progress) was committed.</summary>
    public const string BatchOp = "B";

    /// <summary>A <c>PutMany</c> of items returned.</summary>
    public const string PutManyOp = "M";

    /// <summary>A put to the System table returned.</summary>
    public const string SystemOp = "S";

    /// <summary>The options a durability mode opens the store with: <c>wal</c>, <c>sync</c> or <c>nowal</c>.</summary>
    public static StoreOptions OptionsFor(string mode) => mode switch
    {
        "wal" => new StoreOptions(),
        "sync" => new StoreOptions { SyncWrites = true },
        "nowal" => new StoreOptions { DisableWal = true },
        _ => throw new ArgumentException($"Unknown durability mode '{mode}'; expected wal, sync or nowal.", nameof(mode)),
    };

    /// <summary>The generation's name: every run of the target writes new ids under its own generation.</summary>
    public static string GenerationName(int generation) => "g" + generation.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The id of the <paramref name="sequence"/>th single write of a generation.</summary>
    public static string SingleId(int generation, long sequence)
        => string.Create(CultureInfo.InvariantCulture, $"{GenerationName(generation)}-p{sequence:D7}");

    /// <summary>The id of the <paramref name="sequence"/>th batch of a generation.</summary>
    public static string BatchId(int generation, long sequence)
        => string.Create(CultureInfo.InvariantCulture, $"{GenerationName(generation)}-b{sequence:D7}");

    /// <summary>The id of row <paramref name="index"/> of a batch.</summary>
    public static string BatchItemId(string batchId, int index) => string.Create(CultureInfo.InvariantCulture, $"{batchId}-{index}");

    /// <summary>
    /// The payload stored with <paramref name="id"/>: its length varies with the id (up to ~2 KB, so some values
    /// span WAL blocks) and its content repeats the id, so a value read back is checked byte for byte.
    /// </summary>
    public static string PayloadFor(string id)
    {
        ArgumentNullException.ThrowIfNull(id);

        // FNV-1a: string.GetHashCode is randomised per process, and the parent must compute the same payload.
        uint hash = 2166136261;
        foreach (char c in id)
        {
            hash = (hash ^ c) * 16777619;
        }

        int repeats = (int)(hash % 7 == 0 ? 40 + (hash % 60) : hash % 6);
        var payload = new StringBuilder(id.Length * (repeats + 1) + 8);
        payload.Append("payload:");
        for (int i = 0; i <= repeats; i++)
        {
            payload.Append(id);
        }

        return payload.ToString();
    }

    /// <summary>The acknowledgement line of an operation.</summary>
    public static string Acknowledgement(string op, string id, int size) => string.Create(CultureInfo.InvariantCulture, $"{op} {id} {size} .");

    /// <summary>Parses an acknowledgement line; <see langword="false"/> for anything else, including a line cut short.</summary>
    public static bool TryParseAcknowledgement(string line, out string op, out string id, out int size)
    {
        ArgumentNullException.ThrowIfNull(line);
        op = id = string.Empty;
        size = 0;
        string[] parts = line.Split(' ');
        if (parts.Length != 4 || parts[3] != "." || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return false;
        }

        op = parts[0];
        id = parts[1];
        return true;
    }
}
