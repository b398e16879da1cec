using Grpc.Core;

namespace TypedStore.Etcd.Internal;

/// <summary>etcd's refusals, as the exceptions the rest of TypedStore knows.</summary>
internal static class EtcdErrors
{
    /// <summary>Server errors another attempt (or another member) can get past: no leader yet, a leader change, a timeout inside the server.</summary>
    public static bool IsTransientServerError(RpcException error)
    {
        string detail = error.Status.Detail ?? "";
        return detail.Contains("no leader", StringComparison.Ordinal)
            || detail.Contains("leader changed", StringComparison.Ordinal)
            || detail.Contains("request timed out", StringComparison.Ordinal)
            || detail.Contains("timed out, possibly due to previous leader failure", StringComparison.Ordinal)
            || detail.Contains("too many requests", StringComparison.Ordinal)
            || detail.Contains("not capable", StringComparison.Ordinal);
    }

    /// <summary>etcd refused a transaction because a lease it puts with is gone (expired or revoked).</summary>
    public static bool IsLeaseNotFound(StorageEngineException error)
        => error.InnerException is RpcException rpc && (rpc.Status.Detail ?? "").Contains("requested lease not found", StringComparison.Ordinal);

    public static Exception Translate(RpcException error, string operation, string endpoint)
    {
        string detail = error.Status.Detail ?? "";
        if (detail.Contains("too many operations in txn request", StringComparison.Ordinal))
        {
            return new BatchTooLargeException(
                $"etcd at {endpoint} refused the {operation}: too many operations in one transaction (its --max-txn-ops is lower than "
                + "EtcdEngineOptions.MaxTransactionOperations says). Nothing was written.",
                "EtcdEngineOptions.MaxTransactionOperations",
                -1,
                -1);
        }

        if (detail.Contains("request is too large", StringComparison.Ordinal) || error.StatusCode == StatusCode.ResourceExhausted && detail.Contains("message", StringComparison.OrdinalIgnoreCase))
        {
            return new BatchTooLargeException(
                $"etcd at {endpoint} refused the {operation}: the request is too large (its --max-request-bytes is lower than "
                + "EtcdEngineOptions.MaxRequestBytes says). Nothing was written.",
                "EtcdEngineOptions.MaxRequestBytes",
                -1,
                -1);
        }

        if (detail.Contains("required revision has been compacted", StringComparison.Ordinal))
        {
            return new StorageEngineException(
                $"etcd at {endpoint} refused the {operation}: the revision it reads has been compacted. A snapshot or iterator of "
                + "another tool was probably compacted by hand (etcdctl compact) or by the server's --auto-compaction; the etcd engine "
                + "itself never compacts past a revision a live snapshot reads.",
                error);
        }

        if (detail.Contains("database space exceeded", StringComparison.Ordinal))
        {
            return new StorageEngineException(
                $"etcd at {endpoint} refused the {operation}: the cluster is out of space (NOSPACE alarm, --quota-backend-bytes). "
                + "Compact and defragment (etcdctl compact, etcdctl defrag), then 'etcdctl alarm disarm'. Nothing was written.",
                error);
        }

        return new StorageEngineException($"etcd at {endpoint} refused the {operation}: {error.Status.StatusCode} {detail}", error);
    }
}
