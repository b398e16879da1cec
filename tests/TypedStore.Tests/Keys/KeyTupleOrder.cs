using System.Text;

namespace TypedStore.Tests.Keys;

/// <summary>
/// The order key tuples should have, written from the values' meaning and without looking at
/// the encoding: the reference the byte order is checked against.
/// </summary>
public static class KeyTupleOrder
{
    public static int Compare(KeyTuple left, KeyTuple right)
    {
        for (int i = 0; i < left.Values.Count; i++)
        {
            int part = ComparePart(left.Schema[i].Kind, left.Values[i], right.Values[i]);
            if (part != 0)
            {
                return left.Schema[i].Descending ? -part : part;
            }
        }

        return 0;
    }

    public static int ComparePart(KeyPartKind kind, object left, object right) => kind switch
    {
        KeyPartKind.String => CompareByCodePoint((string)left, (string)right),
        KeyPartKind.Bytes => ((byte[])left).AsSpan().SequenceCompareTo((byte[])right),
        KeyPartKind.Int64 => ((long)left).CompareTo((long)right),
        KeyPartKind.Int32 => ((int)left).CompareTo((int)right),
        KeyPartKind.Double => CompareNaNLast((double)left, (double)right),
        KeyPartKind.Boolean => ((bool)left).CompareTo((bool)right),
        KeyPartKind.Guid => CompareRfc9562((Guid)left, (Guid)right),
        KeyPartKind.DateTime => ((DateTime)left).ToUniversalTime().Ticks.CompareTo(((DateTime)right).ToUniversalTime().Ticks),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Strings order by Unicode code point (what UTF-8 byte order gives), which differs from
    /// string.CompareOrdinal (UTF-16 code units) once characters above U+FFFF meet U+E000–U+FFFF.
    /// </summary>
    private static int CompareByCodePoint(string left, string right)
    {
        StringRuneEnumerator l = left.EnumerateRunes();
        StringRuneEnumerator r = right.EnumerateRunes();
        while (true)
        {
            bool hasLeft = l.MoveNext();
            bool hasRight = r.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            int c = l.Current.Value.CompareTo(r.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>Numeric order; -0.0 equals 0.0 (IEEE ==), every NaN equals every NaN and sorts last.</summary>
    private static int CompareNaNLast(double left, double right)
    {
        if (double.IsNaN(left) || double.IsNaN(right))
        {
            return double.IsNaN(left).CompareTo(double.IsNaN(right));
        }

        return left < right ? -1 : left > right ? 1 : 0;
    }

    /// <summary>RFC 9562 order is the order of the canonical hex text.</summary>
    private static int CompareRfc9562(Guid left, Guid right)
        => string.CompareOrdinal(left.ToString("N"), right.ToString("N"));
}
