namespace TypedStore.Ycsb.Model;

/// <summary>A contender returned a wrong, torn or missing row: the run fails, naming the contender and the key.</summary>
internal sealed class YcsbCheckException : Exception
{
    public YcsbCheckException(string contender, string key, string problem)
        : base($"{contender}: wrong read of '{key}': {problem}")
    {
    }

    public YcsbCheckException()
    {
    }

    public YcsbCheckException(string message)
        : base(message)
    {
    }

    public YcsbCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
