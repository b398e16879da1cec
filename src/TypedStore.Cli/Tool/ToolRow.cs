using TypedStore.Cli.Reading;
using TypedStore.Values;

namespace TypedStore.Cli.Tool;

/// <summary>One stored row as the tool shows it: its key bytes, its decoded key parts, its value's header and members.</summary>
/// <param name="Key">The row's key, as stored.</param>
/// <param name="KeyParts">The key decoded into its parts, in key order.</param>
/// <param name="Header">The value's header (<c>_updated</c>, flags).</param>
/// <param name="Members">The members by name, in stored order.</param>
/// <param name="ValueLength">The stored value's length in bytes.</param>
internal sealed record ToolRow(byte[] Key, DecodedRecord KeyParts, ValueHeader Header, DecodedRecord Members, int ValueLength);
