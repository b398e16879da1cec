namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>
/// What a test does with one compiled declaration of table "items" (key: owner "o" and a long id; one member,
/// Text). A member the declaration does not generate (Insert without a generated key, Purge without SoftDelete,
/// EvictExpired outside Stream tables) throws <see cref="NotSupportedException"/>.
/// </summary>
public interface IOptionsStore : IDisposable
{
    void Put(long id, string text);

    /// <summary>Insert (generated ids) or Append (Stream tables); returns the id the store assigned.</summary>
    long Insert(string text);

    void Delete(long id);

    void Purge(long id);

    /// <summary>The row rendered as "id|text", or <see langword="null"/>.</summary>
    string? Get(long id);

    long Count();

    IReadOnlyList<string> ReadAll();

    void EvictExpired();
}
