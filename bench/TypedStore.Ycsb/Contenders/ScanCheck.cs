using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// Checks a scan as it goes: the first row is the start key's (it exists), keys strictly increase in ordinal order
/// (every contender orders keys bytewise/ordinally and YCSB keys are ASCII), no more rows than asked for, and at least
/// one row.
/// </summary>
internal struct ScanCheck(string contender, string startKey, int count)
{
    private string? _previous;
    private int _rows;

    /// <summary>Checks the next row's key; call <see cref="RowFactory.Verify(string, string, Usertable?)"/> for its fields.</summary>
    public void Next(string key)
    {
        if (_previous is null)
        {
            if (!string.Equals(key, startKey, StringComparison.Ordinal))
            {
                throw new YcsbCheckException(contender, startKey, $"the scan started at '{key}', not at the key asked for");
            }
        }
        else if (string.CompareOrdinal(_previous, key) >= 0)
        {
            throw new YcsbCheckException(contender, startKey, $"the scan returned '{key}' after '{_previous}' (out of key order)");
        }

        _previous = key;
        if (++_rows > count)
        {
            throw new YcsbCheckException(contender, startKey, $"the scan returned more than the {count} rows asked for");
        }
    }

    /// <summary>True once the scan has its rows (the caller stops reading).</summary>
    public readonly bool Full => _rows == count;

    /// <summary>Ends the scan: at least one row (the start key's).</summary>
    public readonly void Done()
    {
        if (_rows == 0)
        {
            throw new YcsbCheckException(contender, startKey, "the scan returned no row (the start key exists)");
        }
    }
}
