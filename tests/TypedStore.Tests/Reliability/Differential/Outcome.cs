namespace TypedStore.Tests.Reliability.Differential;

/// <summary>What one call did on one engine: its result as canonical text, or the exception it threw.</summary>
internal static class Outcome
{
    /// <summary>
    /// Runs <paramref name="call"/> and renders its result (lazy sequences are enumerated inside, so an exception
    /// thrown by a scan half-way is an outcome too). An exception is rendered as its type and message: both engines
    /// run the same table layer, so the same refusal has the same words.
    /// </summary>
    public static string Of(Func<object?> call)
    {
        try
        {
            return OutcomeText.Of(call());
        }
        catch (Exception exception) when (exception is not DifferentialMismatchException)
        {
            return $"throws {exception.GetType().FullName}: {exception.Message}";
        }
    }
}
