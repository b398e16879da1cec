using TypedStore.Keys;
using TypedStore.Tables;

namespace TypedStore.Features.ChangeFeed;

/// <summary>
/// A <c>ChangeFeed</c> table's place in the store's change log: the key prefix of its changes (its name, encoded
/// as a key part, so one table's changes are one contiguous, bounded range) and whether it is a user table (its
/// changes are then indexed by user too).
/// </summary>
internal sealed class ChangeFeedTable
{
    public ChangeFeedTable(ChangeFeedLog log, TableDescriptor descriptor)
    {
        Log = log;
        Name = descriptor.Name;
        IsUserTable = descriptor.Kind == TableKind.User;
        Prefix = EncodeName(descriptor.Name);
    }

    /// <summary>The prefix of a table's changes: its name encoded as a key part.</summary>
    public static byte[] EncodeName(string name)
    {
        KeyWriter writer = new(stackalloc byte[TableNames.MaxLength * 2]);
        try
        {
            writer.WriteString(name);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The store's change log.</summary>
    public ChangeFeedLog Log { get; }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>Whether changes are indexed by user as well.</summary>
    public bool IsUserTable { get; }

    /// <summary>The encoded table name every key of this table's changes starts with.</summary>
    public byte[] Prefix { get; }
}
