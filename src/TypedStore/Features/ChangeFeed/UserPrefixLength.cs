namespace TypedStore.Features.ChangeFeed;

/// <summary>The length of the user prefix (the first key part) at the start of a user table's row key; the table's codec knows it.</summary>
internal delegate int UserPrefixLength(ReadOnlySpan<byte> rowKey);
