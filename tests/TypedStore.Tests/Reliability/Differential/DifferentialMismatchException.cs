namespace TypedStore.Tests.Reliability.Differential;

/// <summary>The two engines answered one call differently.</summary>
internal sealed class DifferentialMismatchException : Exception
{
    public DifferentialMismatchException(string call, string memory, string rocksDb)
        : base($"{call}\n    memory:  {Shorten(memory)}\n    rocksdb: {Shorten(rocksDb)}")
    {
        Call = call;
    }

    /// <summary>The call that disagreed, as the step log describes it.</summary>
    public string Call { get; }

    // Full-table results can be long: show where they start to differ rather than all of them.
    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + $"... ({text.Length} chars)";
}
