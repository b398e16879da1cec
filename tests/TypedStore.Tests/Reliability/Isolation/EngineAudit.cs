namespace TypedStore.Tests.Reliability.Isolation;

/// <summary>What an <see cref="AuditingEngine"/> saw the store read and delete, by column family.</summary>
internal sealed class EngineAudit
{
    private readonly List<(string Family, byte[] Key)> _reads = [];
    private readonly List<(string Family, byte[] Start, byte[] End)> _deletedRanges = [];
    private readonly List<(string Family, byte[] Key)> _deletedKeys = [];

    /// <summary>Every key an iterator was positioned on, and every key a point read asked for.</summary>
    public IReadOnlyList<(string Family, byte[] Key)> Reads => _reads;

    /// <summary>Every range delete, direct or recorded in a batch.</summary>
    public IReadOnlyList<(string Family, byte[] Start, byte[] End)> DeletedRanges => _deletedRanges;

    /// <summary>Every single-key delete, direct or recorded in a batch.</summary>
    public IReadOnlyList<(string Family, byte[] Key)> DeletedKeys => _deletedKeys;

    public void Clear()
    {
        _reads.Clear();
        _deletedRanges.Clear();
        _deletedKeys.Clear();
    }

    public void Read(string family, ReadOnlySpan<byte> key) => _reads.Add((family, key.ToArray()));

    public void DeletedRange(string family, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end) => _deletedRanges.Add((family, start.ToArray(), end.ToArray()));

    public void DeletedKey(string family, ReadOnlySpan<byte> key) => _deletedKeys.Add((family, key.ToArray()));
}
