namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// What a test does with one compiled version of the evolving table, in terms every version shares: the
/// versions declare different records, so the test process talks to them through this interface, which each
/// version's generated driver implements.
/// </summary>
public interface IVersionedStore : IDisposable
{
    /// <summary>Writes the version's sample row for <paramref name="id"/>.</summary>
    void Write(string id);

    /// <summary>The row with <paramref name="id"/> rendered as "member|member|...", or <see langword="null"/>.</summary>
    string? Read(string id);

    /// <summary>Every row, rendered, in key order.</summary>
    IReadOnlyList<string> ReadAll();
}
