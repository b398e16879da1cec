namespace TypedStore.Tests.Reliability.Model;

/// <summary>The plain in-memory model of one table: a sorted dictionary in value order (<see cref="ValueOrder"/>).</summary>
internal sealed class ModelTable<TKey, TRow>
    where TKey : notnull
{
    private readonly Func<TRow, TKey> _keyOf;
    private SortedDictionary<TKey, TRow> _rows;

    public ModelTable(Func<TRow, TKey> keyOf, IComparer<TKey> order)
    {
        _keyOf = keyOf;
        _rows = new SortedDictionary<TKey, TRow>(order);
    }

    public IReadOnlyCollection<TRow> Rows => _rows.Values;

    public IEnumerable<TKey> Keys => _rows.Keys;

    public int Count => _rows.Count;

    public void Put(TRow row) => _rows[_keyOf(row)] = row;

    public void Delete(TKey key) => _rows.Remove(key);

    public void DeleteWhere(Func<TKey, bool> predicate)
    {
        foreach (TKey key in _rows.Keys.Where(predicate).ToList())
        {
            _rows.Remove(key);
        }
    }

    public TRow? Get(TKey key) => _rows.TryGetValue(key, out TRow? row) ? row : default;

    public IEnumerable<TRow> Where(Func<TKey, bool> predicate) => _rows.Where(pair => predicate(pair.Key)).Select(pair => pair.Value);

    public ModelTable<TKey, TRow> Clone()
    {
        var clone = new ModelTable<TKey, TRow>(_keyOf, _rows.Comparer);
        clone._rows = new SortedDictionary<TKey, TRow>(_rows, _rows.Comparer);
        return clone;
    }
}
