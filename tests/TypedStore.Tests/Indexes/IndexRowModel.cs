using System.Text;
using TypedStore.Queries;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// The rows the combined index/query model test expects in <see cref="IndexStore"/>'s issues, accounts and contacts,
/// kept apart from the store: live and soft-deleted rows, the uniqueness rule judged over live rows, and the documented
/// key order (strings by UTF-8 bytes, ints by value), so queries are compared with a LINQ reference over these rows.
/// </summary>
internal sealed class IndexRowModel
{
    public Dictionary<(string Project, int Number), Issue> Issues { get; private init; } = [];

    public Dictionary<string, (Account Row, bool Deleted)> Accounts { get; private init; } = [];

    public Dictionary<(string User, int Id), (Contact Row, bool Deleted)> Contacts { get; private init; } = [];

    public IndexRowModel Clone() => new()
    {
        Issues = new(Issues),
        Accounts = new(Accounts),
        Contacts = new(Contacts),
    };

    /// <summary>Whether two live rows hold one value of a unique index (with no null part).</summary>
    public bool Violates()
        => Issues.Values.GroupBy(i => i.Slug, StringComparer.Ordinal).Any(g => g.Count() > 1)
            || Accounts.Values.Where(a => !a.Deleted && a.Row.Email is not null).GroupBy(a => a.Row.Email, StringComparer.Ordinal).Any(g => g.Count() > 1)
            || Contacts.Values.Where(c => !c.Deleted).GroupBy(c => (c.Row.UserId, c.Row.Phone)).Any(g => g.Count() > 1);

    /// <summary>Whether another live row than <paramref name="id"/> holds <paramref name="email"/>.</summary>
    public bool EmailTaken(string id, string? email)
        => email is not null && Accounts.Any(a => a.Key != id && !a.Value.Deleted && a.Value.Row.Email == email);

    public bool PhoneTaken(string user, int id, string phone)
        => Contacts.Any(c => c.Key.User == user && c.Key.Id != id && !c.Value.Deleted && c.Value.Row.Phone == phone);

    public bool SlugTaken((string, int) key, string slug)
        => Issues.Any(i => i.Key != key && i.Value.Slug == slug);

    /// <summary>Removes every row (live or soft-deleted) of a table's range, as a range delete does; returns how many.</summary>
    public int DeleteRange(ModelRange range)
    {
        int before = Issues.Count + Accounts.Count + Contacts.Count;
        switch (range.Table)
        {
            case ModelTable.Issues:
                foreach ((string, int) key in Issues.Keys.Where(k => range.Contains([k.Item1, k.Item2])).ToList())
                {
                    Issues.Remove(key);
                }

                break;
            case ModelTable.Accounts:
                foreach (string key in Accounts.Keys.Where(k => range.Contains([k])).ToList())
                {
                    Accounts.Remove(key);
                }

                break;
            default:
                foreach ((string, int) key in Contacts.Keys.Where(k => range.Contains([k.User, k.Id])).ToList())
                {
                    Contacts.Remove(key);
                }

                break;
        }

        return before - (Issues.Count + Accounts.Count + Contacts.Count);
    }

    public static int ComparePart(object a, object b) => a switch
    {
        string s => Encoding.UTF8.GetBytes(s).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b)),
        int i => i.CompareTo((int)b),
        _ => throw new InvalidOperationException(a.GetType().Name),
    };

    public static int CompareKeys(object[] a, object[] b)
    {
        for (int part = 0; part < a.Length; part++)
        {
            int order = ComparePart(a[part], b[part]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    public static object[] KeyOf(Issue row) => [row.ProjectId, row.Number];

    public static object[] KeyOf(Account row) => [row.Id];

    public static object[] KeyOf(Contact row) => [row.UserId, row.ContactId];

    public static List<T> InKeyOrder<T>(IEnumerable<T> rows, Func<T, object[]> key)
    {
        List<T> list = [.. rows];
        list.Sort((a, b) => CompareKeys(key(a), key(b)));
        return list;
    }
}

internal enum ModelTable
{
    Issues,
    Accounts,
    Contacts,
}

/// <summary>One bound of a query: its kind and the key parts it sets (<c>Values</c>: a whole key, parts depth.. depth+Count-1 used).</summary>
internal readonly record struct ModelBound(QueryBound Kind, int Count, object[] Values);

/// <summary>A query over one table: prefix depth and parts, optional bounds, direction, whether soft-deleted rows are included.</summary>
internal sealed record ModelRange(ModelTable Table, int Depth, object[] Prefix, ModelBound? Lower, ModelBound? Upper, bool Reverse, bool IncludeDeleted)
{
    /// <summary>Whether the key lies in the range (prefix and both bounds; direction and deleted rows aside).</summary>
    public bool Contains(object[] key)
    {
        for (int part = 0; part < Depth; part++)
        {
            if (IndexRowModel.ComparePart(key[part], Prefix[part]) != 0)
            {
                return false;
            }
        }

        return Satisfies(key, Lower) && Satisfies(key, Upper);
    }

    /// <summary>The rows the query returns, in its order.</summary>
    public List<T> Select<T>(IEnumerable<T> rows, Func<T, object[]> key)
    {
        List<T> selected = IndexRowModel.InKeyOrder(rows.Where(r => Contains(key(r))), key);
        if (Reverse)
        {
            selected.Reverse();
        }

        return selected;
    }

    public override string ToString()
    {
        static string Render(object value) => value is string s
            ? "\"" + string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString())) + "\""
            : value.ToString()!;
        static string Bound(ModelBound b, int depth) => $".{b.Kind}({string.Join(", ", b.Values.Skip(depth).Take(b.Count).Select(Render))})";
        return $"{Table}.Scan({string.Join(", ", Prefix.Take(Depth).Select(Render))})"
            + (Lower is { } l ? Bound(l, Depth) : "") + (Upper is { } u ? Bound(u, Depth) : "")
            + (Reverse ? ".Reverse()" : "") + (IncludeDeleted ? ".IncludeDeleted()" : "");
    }

    private bool Satisfies(object[] key, ModelBound? bound)
    {
        if (bound is not { } b)
        {
            return true;
        }

        int order = 0;
        for (int part = Depth; part < Depth + b.Count && order == 0; part++)
        {
            order = IndexRowModel.ComparePart(key[part], b.Values[part]);
        }

        return b.Kind switch
        {
            QueryBound.From => order >= 0,
            QueryBound.After => order > 0,
            QueryBound.To => order <= 0,
            _ => order < 0,
        };
    }
}
