using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace TypedStore.Tests.Keys;

/// <summary>
/// The codec's central promise (design §4): unsigned lexicographic order of encoded keys equals
/// the order of the key tuples, for mixed types and mixed directions.
/// </summary>
public class KeyOrderPropertyTests
{
    /// <summary>Pairs checked by the FsCheck property.</summary>
    public const int PropertyCases = 10_000;

    private const int SortedSchemas = 20;
    private const int TuplesPerSchema = 500;

    [Property(MaxTest = PropertyCases, QuietOnSuccess = true, Arbitrary = [typeof(KeyTupleArbitraries)])]
    public void EncodedPairs_CompareLikeTheirTuples(KeyTuplePair pair)
    {
        byte[] left = KeyTupleCodec.Encode(pair.Left);
        byte[] right = KeyTupleCodec.Encode(pair.Right);

        int expected = Math.Sign(KeyTupleOrder.Compare(pair.Left, pair.Right));
        int actual = Math.Sign(left.AsSpan().SequenceCompareTo(right));

        Assert.True(
            expected == actual,
            $"Tuple order {expected}, byte order {actual}: {pair}\n  {Hex.Format(left)}\n  {Hex.Format(right)}");
        AssertRoundTrips(pair.Left, left);
        AssertRoundTrips(pair.Right, right);
    }

    /// <summary>
    /// A seeded, whole-list check: sorting by tuple order must leave the encodings in
    /// non-decreasing byte order, equal exactly where the tuples are equal. Transitivity then gives
    /// the property for every pair in each list, not only the sampled ones.
    /// </summary>
    [Fact]
    public void SortingByTuple_SortsTheEncodings()
    {
        KeyPartSpec[][] schemas = KeyTupleGenerators.Schemas.Sample(SortedSchemas, new Rnd(20240611), 20);
        int checkedTuples = 0;
        for (int s = 0; s < schemas.Length; s++)
        {
            KeyTuple[] tuples = KeyTupleGenerators.TuplesOf(schemas[s]).Sample(TuplesPerSchema, new Rnd((ulong)(1000 + s)), 20);
            Array.Sort(tuples, KeyTupleOrder.Compare);
            byte[][] keys = Array.ConvertAll(tuples, KeyTupleCodec.Encode);

            for (int i = 1; i < tuples.Length; i++)
            {
                int expected = Math.Sign(KeyTupleOrder.Compare(tuples[i - 1], tuples[i]));
                int actual = Math.Sign(keys[i - 1].AsSpan().SequenceCompareTo(keys[i]));
                Assert.True(
                    expected == actual,
                    $"Tuple order {expected}, byte order {actual}: {tuples[i - 1]} vs {tuples[i]}\n  {Hex.Format(keys[i - 1])}\n  {Hex.Format(keys[i])}");
            }

            checkedTuples += tuples.Length;
        }

        Assert.Equal(SortedSchemas * TuplesPerSchema, checkedTuples);
    }

    [Fact]
    public void Generators_ProduceTheEdgeCasesTheyPromise()
    {
        // Guards the generators themselves: a property over values that never occur proves nothing.
        KeyTuplePair[] pairs = KeyTupleGenerators.Pairs.Sample(5_000, new Rnd(7), 20);
        var seen = new HashSet<string>();
        foreach (KeyTuplePair pair in pairs)
        {
            Classify(pair.Left, seen);
            Classify(pair.Right, seen);
            if (KeyTupleOrder.Compare(pair.Left, pair.Right) == 0)
            {
                seen.Add("equal pair");
            }

            for (int i = 0; i < pair.Left.Values.Count; i++)
            {
                if (pair.Left.Values[i] is string a && pair.Right.Values[i] is string b && a.Length < b.Length && b.StartsWith(a, StringComparison.Ordinal))
                {
                    seen.Add("string prefix of other");
                }
            }
        }

        string[] expected =
        [
            "negative long", "NaN", "non-canonical NaN", "-0.0", "+Inf", "-Inf", "empty string", "string with U+0000",
            "string above U+FFFF", "empty bytes", "bytes with 00", "bytes with FF", "string prefix of other", "descending part", "equal pair",
            "local DateTime", "version-7 Guid",
        ];
        Assert.All(expected, label => Assert.Contains(label, seen));

        static void Classify(KeyTuple tuple, HashSet<string> seen)
        {
            for (int i = 0; i < tuple.Values.Count; i++)
            {
                if (tuple.Schema[i].Descending)
                {
                    seen.Add("descending part");
                }

                switch (tuple.Values[i])
                {
                    case long l when l < 0: seen.Add("negative long"); break;
                    case double d when double.IsNaN(d):
                        seen.Add("NaN");
                        if (BitConverter.DoubleToInt64Bits(d) != BitConverter.DoubleToInt64Bits(double.NaN))
                        {
                            seen.Add("non-canonical NaN");
                        }

                        break;
                    case double d when d == 0 && double.IsNegative(d): seen.Add("-0.0"); break;
                    case double d when double.IsPositiveInfinity(d): seen.Add("+Inf"); break;
                    case double d when double.IsNegativeInfinity(d): seen.Add("-Inf"); break;
                    case string s when s.Length == 0: seen.Add("empty string"); break;
                    case string s when s.Contains('\0', StringComparison.Ordinal): seen.Add("string with U+0000"); break;
                    case string s when s.Any(char.IsSurrogate): seen.Add("string above U+FFFF"); break;
                    case byte[] b when b.Length == 0: seen.Add("empty bytes"); break;
                    case byte[] b when b.Contains((byte)0x00): seen.Add("bytes with 00"); break;
                    case byte[] b when b.Contains((byte)0xFF): seen.Add("bytes with FF"); break;
                    case DateTime t when t.Kind == DateTimeKind.Local: seen.Add("local DateTime"); break;
                    case Guid g when g.Version == 7: seen.Add("version-7 Guid"); break;
                }
            }
        }

    }

    private static void AssertRoundTrips(KeyTuple tuple, byte[] key)
    {
        KeyTuple decoded = KeyTupleCodec.Decode(tuple.Schema, key);
        Assert.True(KeyTupleOrder.Compare(tuple, decoded) == 0, $"{tuple} decoded as {decoded}");
        for (int i = 0; i < decoded.Values.Count; i++)
        {
            if (decoded.Values[i] is DateTime t)
            {
                Assert.Equal(DateTimeKind.Utc, t.Kind);
            }
        }
    }
}
