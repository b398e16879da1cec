using System.Diagnostics;

namespace TypedStore.Tests.Reliability.Fuzz;

/// <summary>
/// Outcomes of a fuzz run: inputs decoded, inputs refused with <see cref="CorruptDataException"/> (tallied by the
/// decoding error inside, and for argument errors by who raised them), and failures: any other exception.
/// </summary>
internal sealed class FuzzReport
{
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _causes = new(StringComparer.Ordinal);

    public int Inputs { get; private set; }

    public int DecodedCount { get; private set; }

    public int RefusedCount { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>The decoding errors behind the refusals, e.g. "EndOfStreamException" or "ArgumentOutOfRangeException from MessagePack".</summary>
    public IReadOnlyDictionary<string, int> Causes => _causes;

    public void Decoded()
    {
        Inputs++;
        DecodedCount++;
    }

    public void Refused(CorruptDataException exception)
    {
        Inputs++;
        RefusedCount++;
        string cause = Describe(exception.InnerException);
        _causes[cause] = _causes.GetValueOrDefault(cause) + 1;
    }

    public void Failed(string table, byte[] input, Exception exception)
    {
        Inputs++;
        if (_failures.Count < 10)
        {
            _failures.Add($"{table}: {exception.GetType().Name} on {Convert.ToHexString(input)}: {exception}");
        }
    }

    private static string Describe(Exception? cause)
    {
        if (cause is null)
        {
            return "invalid header";
        }

        if (cause is not ArgumentException)
        {
            return cause.GetType().Name;
        }

        // Who raised an argument error: the first frame outside the runtime's throw helpers.
        foreach (StackFrame frame in new StackTrace(cause, fNeedFileInfo: false).GetFrames())
        {
            Type? type = frame.GetMethod()?.DeclaringType;
            if (type is not null && type.Name != "ThrowHelper")
            {
                string origin = type.Namespace is { } ns && ns.StartsWith("MessagePack", StringComparison.Ordinal) ? "MessagePack" : type.Name;
                return $"{cause.GetType().Name} from {origin}";
            }
        }

        return cause.GetType().Name;
    }
}
