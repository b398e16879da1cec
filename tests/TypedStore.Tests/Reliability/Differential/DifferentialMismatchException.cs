using System.Globalization;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>The two engines answered one call differently.</summary>
internal sealed class DifferentialMismatchException : Exception
{
    private const int Shown = 700;

    public DifferentialMismatchException(string call, string memory, string rocksDb)
        : base($"{call}\n    memory:  {Around(memory, FirstDifference(memory, rocksDb))}\n    rocksdb: {Around(rocksDb, FirstDifference(memory, rocksDb))}")
    {
        Call = call;
    }

    /// <summary>The call that disagreed, as the step log describes it.</summary>
    public string Call { get; }

    private static int FirstDifference(string a, string b)
    {
        int length = Math.Min(a.Length, b.Length);
        int i = a.AsSpan(0, length).CommonPrefixLength(b.AsSpan(0, length));
        return i;
    }

    // Full-table results can be long: show the stretch where the two answers part, not all of them.
    private static string Around(string text, int difference)
    {
        if (text.Length <= Shown)
        {
            return text;
        }

        int start = Math.Max(0, difference - (Shown / 3));
        int end = Math.Min(text.Length, start + Shown);
        return string.Create(CultureInfo.InvariantCulture, $"{(start > 0 ? $"(from char {start}) ..." : "")}{text[start..end]}{(end < text.Length ? $"... ({text.Length} chars)" : "")}");
    }
}
