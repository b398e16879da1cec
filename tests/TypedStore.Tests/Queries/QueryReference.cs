using System.Text;
using TypedStore.Queries;

namespace TypedStore.Tests.Queries;

/// <summary>
/// The documented key order of <see cref="QItem"/> (docs/key-encoding.md: strings by UTF-8 bytes, <c>At</c> descending,
/// <c>Seq</c> ascending) and the meaning of a query's bounds (docs/queries.md), computed over plain lists: the reference
/// every query of the property test is compared with.
/// </summary>
internal static class QueryReference
{
    public static int ComparePart(QItem a, QItem b, int part) => part switch
    {
        0 => Encoding.UTF8.GetBytes(a.Project).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.Project)),
        1 => b.At.CompareTo(a.At), // descending
        _ => a.Seq.CompareTo(b.Seq),
    };

    public static int Compare(QItem a, QItem b)
    {
        for (int part = 0; part < 3; part++)
        {
            int order = ComparePart(a, b, part);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>The rows a query selects, in its order.</summary>
    public static List<QItem> Select(IEnumerable<QItem> rows, QuerySpec spec)
    {
        List<QItem> selected = rows
            .Where(row => InPrefix(row, spec) && Satisfies(row, spec.Lower, spec.Depth) && Satisfies(row, spec.Upper, spec.Depth))
            .ToList();
        selected.Sort(Compare);
        if (spec.Reverse)
        {
            selected.Reverse();
        }

        return selected;
    }

    private static bool InPrefix(QItem row, QuerySpec spec)
    {
        for (int part = 0; part < spec.Depth; part++)
        {
            if (ComparePart(row, spec.Prefix, part) != 0)
            {
                return false;
            }
        }

        return true;
    }

    // A bound on the parts depth .. depth+count-1 compares those parts of the row with the bound's, in key order.
    private static bool Satisfies(QItem row, QueryBoundSpec? bound, int depth)
    {
        if (bound is not { } b)
        {
            return true;
        }

        int order = 0;
        for (int part = depth; part < depth + b.Count && order == 0; part++)
        {
            order = ComparePart(row, b.Values, part);
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

/// <summary>One bound of a generated query: its kind, how many parts it sets, and their values (in a row's shape).</summary>
internal readonly record struct QueryBoundSpec(QueryBound Kind, int Count, QItem Values)
{
    public override string ToString() => $"{Kind}({string.Join(", ", new object[] { Render(Values.Project), Values.At, Values.Seq }.Take(Count))})";

    internal static string Render(string value) => "\"" + string.Concat(value.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}

/// <summary>A query: the prefix depth and parts, an optional lower and upper bound, the direction.</summary>
internal sealed record QuerySpec(int Depth, QItem Prefix, QueryBoundSpec? Lower, QueryBoundSpec? Upper, bool Reverse)
{
    public override string ToString()
    {
        string prefix = string.Join(", ", new object[] { QueryBoundSpec.Render(Prefix.Project), Prefix.At }.Take(Depth));
        return $"Scan({prefix}){(Lower is { } l ? "." + l : "")}{(Upper is { } u ? "." + u : "")}{(Reverse ? ".Reverse()" : "")}";
    }
}
