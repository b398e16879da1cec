using System.Collections.Generic;

namespace TypedStore.Generators.Emitting;

/// <summary>Hands out local variable names that are unique within one generated method.</summary>
internal sealed class LocalNames
{
    private readonly HashSet<string> _used = new(System.StringComparer.Ordinal);

    public LocalNames(params string[] reserved)
    {
        foreach (string name in reserved)
        {
            _used.Add(name);
        }
    }

    /// <summary>Returns <paramref name="preferred"/>, or <paramref name="preferred"/> followed by the first free number.</summary>
    public string Take(string preferred)
    {
        string candidate = preferred;
        for (int i = 2; !_used.Add(candidate.TrimStart('@')); i++)
        {
            candidate = preferred.TrimStart('@') + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
