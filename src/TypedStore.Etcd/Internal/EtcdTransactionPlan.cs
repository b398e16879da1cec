using System.Globalization;
using Etcdserverpb;
using Google.Protobuf;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// Turns a batch's writes, in recorded order, into the operations of one etcd transaction. etcd refuses a transaction
/// that names a key twice (a put and a delete of one key, or a put inside a deleted range), so the writes are collapsed
/// first: the last write of each key wins, a range delete drops the earlier writes it covers, and a range delete is
/// split around every key written after it. The result is a set of disjoint operations whose effect is the batch's.
/// </summary>
internal static class EtcdTransactionPlan
{
    public static List<RequestOp> Collapse(IReadOnlyList<EtcdBatchOperation> operations)
    {
        var last = new SortedDictionary<byte[], byte[]?>(ByteKeyComparer.Instance);
        var ranges = new List<(byte[] Start, byte[] End)>();
        List<byte[]>? covered = null;
        foreach (EtcdBatchOperation operation in operations)
        {
            switch (operation.Kind)
            {
                case EtcdBatchOperationKind.Put:
                    last[operation.Key] = operation.ValueOrEnd!;
                    break;
                case EtcdBatchOperationKind.Delete:
                    last[operation.Key] = null;
                    break;
                default:
                    byte[] start = operation.Key;
                    byte[] end = operation.ValueOrEnd!;
                    if (start.AsSpan().SequenceCompareTo(end) >= 0)
                    {
                        break;
                    }

                    // Earlier writes inside the range are undone by it.
                    covered ??= [];
                    covered.Clear();
                    foreach (byte[] key in last.Keys)
                    {
                        if (key.AsSpan().SequenceCompareTo(start) >= 0 && key.AsSpan().SequenceCompareTo(end) < 0)
                        {
                            covered.Add(key);
                        }
                    }

                    foreach (byte[] key in covered)
                    {
                        last.Remove(key);
                    }

                    ranges.Add((start, end));
                    break;
            }
        }

        var plan = new List<RequestOp>(last.Count + ranges.Count);
        List<(byte[] Start, byte[] End)> merged = Merge(ranges);
        int rangeIndex = 0;
        byte[]? pieceStart = merged.Count > 0 ? merged[0].Start : null;
        foreach ((byte[] key, byte[]? value) in last)
        {
            // Close every range piece that ends before this key.
            while (rangeIndex < merged.Count && merged[rangeIndex].End.AsSpan().SequenceCompareTo(key) <= 0)
            {
                AddDeleteRange(plan, pieceStart!, merged[rangeIndex].End);
                rangeIndex++;
                pieceStart = rangeIndex < merged.Count ? merged[rangeIndex].Start : null;
            }

            bool insideRange = rangeIndex < merged.Count && pieceStart!.AsSpan().SequenceCompareTo(key) <= 0;
            if (insideRange)
            {
                // A delete of a key inside a deleted range is already done by the range; a put splits the range
                // around its key: [pieceStart, key) now, [key + 00, ...) continues.
                if (value is not null)
                {
                    AddDeleteRange(plan, pieceStart!, key);
                    pieceStart = [.. key, 0x00];
                    plan.Add(Put(key, value));
                }

                continue;
            }

            plan.Add(value is null ? Delete(key) : Put(key, value));
        }

        while (rangeIndex < merged.Count)
        {
            AddDeleteRange(plan, pieceStart!, merged[rangeIndex].End);
            rangeIndex++;
            pieceStart = rangeIndex < merged.Count ? merged[rangeIndex].Start : null;
        }

        return plan;
    }

    /// <summary>Refuses a plan over the server's limits, naming the limit; nothing has been sent yet.</summary>
    public static void ThrowIfTooLarge(TxnRequest request, EtcdEngineOptions options, string what)
    {
        int operations = Math.Max(request.Success.Count, request.Compare.Count);
        if (operations > options.MaxTransactionOperations)
        {
            throw new BatchTooLargeException(
                Invariant.Text($"The {what} needs {operations} operations in one etcd transaction (after collapsing writes of the same key; one is the engine's commit lane, ") + Invariant.Text($"and a transaction's validated keys count separately), but EtcdEngineOptions.MaxTransactionOperations (etcd's --max-txn-ops) is ") + Invariant.Text($"{options.MaxTransactionOperations}. Nothing was written: split it, or raise both limits."),
                "EtcdEngineOptions.MaxTransactionOperations",
                options.MaxTransactionOperations,
                operations);
        }

        // The server measures the request wrapped in its raft entry: a few bytes more than the transaction itself.
        const int RaftEnvelopeBytes = 64;
        long bytes = request.CalculateSize() + RaftEnvelopeBytes;
        if (bytes > options.MaxRequestBytes)
        {
            throw new BatchTooLargeException(
                Invariant.Text($"The {what} is {bytes} bytes as one etcd transaction, but EtcdEngineOptions.MaxRequestBytes (etcd's --max-request-bytes) is ") + Invariant.Text($"{options.MaxRequestBytes}. Nothing was written: split it, or raise both limits."),
                "EtcdEngineOptions.MaxRequestBytes",
                options.MaxRequestBytes,
                bytes);
        }
    }

    public static RequestOp Put(byte[] key, byte[] value)
        => new() { RequestPut = new PutRequest { Key = UnsafeByteOperations.UnsafeWrap(key), Value = UnsafeByteOperations.UnsafeWrap(value) } };

    private static RequestOp Delete(byte[] key)
        => new() { RequestDeleteRange = new DeleteRangeRequest { Key = UnsafeByteOperations.UnsafeWrap(key) } };

    private static void AddDeleteRange(List<RequestOp> plan, byte[] start, byte[] end)
    {
        if (start.AsSpan().SequenceCompareTo(end) < 0)
        {
            plan.Add(new RequestOp
            {
                RequestDeleteRange = new DeleteRangeRequest { Key = UnsafeByteOperations.UnsafeWrap(start), RangeEnd = UnsafeByteOperations.UnsafeWrap(end) },
            });
        }
    }

    private static List<(byte[] Start, byte[] End)> Merge(List<(byte[] Start, byte[] End)> ranges)
    {
        ranges.Sort(static (a, b) => a.Start.AsSpan().SequenceCompareTo(b.Start));
        var merged = new List<(byte[] Start, byte[] End)>(ranges.Count);
        foreach ((byte[] start, byte[] end) in ranges)
        {
            if (merged.Count > 0 && merged[^1].End.AsSpan().SequenceCompareTo(start) >= 0)
            {
                if (merged[^1].End.AsSpan().SequenceCompareTo(end) < 0)
                {
                    merged[^1] = (merged[^1].Start, end);
                }

                continue;
            }

            merged.Add((start, end));
        }

        return merged;
    }
}
