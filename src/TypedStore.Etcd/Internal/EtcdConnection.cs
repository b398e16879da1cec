using System.Diagnostics;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// The gRPC channels to the cluster's members and the one retry loop every request goes through: a request that fails
/// because a member is gone, has no leader or did not answer in <see cref="EtcdEngineOptions.RequestTimeout"/> is sent
/// again to the next member until <see cref="EtcdEngineOptions.OperationTimeout"/> is spent, then fails naming the endpoints.
/// </summary>
/// <remarks>
/// Retrying is safe only for requests that cannot apply twice: reads, compactions, and writes guarded by a commit lane
/// (<see cref="CommitLane"/>); the engine sends nothing else. Refusals that another member would repeat (too large,
/// compacted, out of space) fail at once.
/// </remarks>
internal sealed class EtcdConnection : IDisposable
{
    private readonly EtcdEngineOptions _options;
    private readonly GrpcChannel[] _channels;
    private readonly KV.KVClient[] _kv;
    private readonly Lease.LeaseClient[] _lease;
    private int _current;

    public EtcdConnection(EtcdEngineOptions options)
    {
        _options = options;
        Endpoints = [.. options.Endpoints];
        _channels = new GrpcChannel[Endpoints.Length];
        _kv = new KV.KVClient[Endpoints.Length];
        _lease = new Lease.LeaseClient[Endpoints.Length];
        for (int i = 0; i < Endpoints.Length; i++)
        {
            _channels[i] = GrpcChannel.ForAddress(Endpoints[i], new GrpcChannelOptions
            {
                // Pages and batches can be large; the server bounds requests itself (--max-request-bytes).
                MaxReceiveMessageSize = null,
                MaxSendMessageSize = null,
            });
            _kv[i] = new KV.KVClient(_channels[i]);
            _lease[i] = new Lease.LeaseClient(_channels[i]);
        }
    }

    /// <summary>The members' client URLs.</summary>
    public string[] Endpoints { get; }

    /// <summary>The newest revision any response reported: a lower bound of the cluster's current revision.</summary>
    public long LastSeenRevision => Volatile.Read(ref _lastSeenRevision);

    private long _lastSeenRevision;
    private long _retries;

    /// <summary>Requests sent again after a member failed or did not answer in time (for tests and diagnostics).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Records a response header's revision.</summary>
    public void Observe(ResponseHeader? header)
    {
        if (header is null)
        {
            return;
        }

        long seen = Volatile.Read(ref _lastSeenRevision);
        while (header.Revision > seen)
        {
            long found = Interlocked.CompareExchange(ref _lastSeenRevision, header.Revision, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }

    public Task<RangeResponse> RangeAsync(RangeRequest request, string operation, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.KV.RangeAsync(request, options), request, operation, cancellationToken, null, static r => r.Header);

    /// <summary>The first request of an open: its budget is <see cref="EtcdEngineOptions.ConnectTimeout"/>.</summary>
    public Task<RangeResponse> ConnectAsync(RangeRequest request)
        => CallAsync(static (client, request, options) => client.KV.RangeAsync(request, options), request, "first request of the open", CancellationToken.None, _options.ConnectTimeout, static r => r.Header);

    public Task<TxnResponse> TxnAsync(TxnRequest request, string operation, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.KV.TxnAsync(request, options), request, operation, cancellationToken, null, static r => r.Header);

    public Task<CompactionResponse> CompactAsync(CompactionRequest request, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.KV.CompactAsync(request, options), request, "compact", cancellationToken, null, static r => r.Header);

    public Task<PutResponse> PutAsync(PutRequest request, string operation, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.KV.PutAsync(request, options), request, operation, cancellationToken, null, static r => r.Header);

    public Task<LeaseGrantResponse> LeaseGrantAsync(LeaseGrantRequest request, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.Lease.LeaseGrantAsync(request, options), request, "lease grant", cancellationToken, null, static r => r.Header);

    public Task<LeaseRevokeResponse> LeaseRevokeAsync(LeaseRevokeRequest request, CancellationToken cancellationToken)
        => CallAsync(static (client, request, options) => client.Lease.LeaseRevokeAsync(request, options), request, "lease revoke", cancellationToken, null, static r => r.Header);

    /// <summary>
    /// Renews lease <paramref name="id"/> once (etcd's keep-alive is a stream; one request, one answer, then it is
    /// closed), trying each member once within <see cref="EtcdEngineOptions.RequestTimeout"/>. Returns the lease's
    /// remaining seconds (0 or less: it no longer exists), or null when no member answered.
    /// </summary>
    public async Task<long?> KeepAliveAsync(long id, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < Endpoints.Length; attempt++)
        {
            int index = Volatile.Read(ref _current) % Endpoints.Length;
            try
            {
                var options = new CallOptions(deadline: DateTime.UtcNow + _options.RequestTimeout, cancellationToken: cancellationToken);
                using AsyncDuplexStreamingCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse> call = _lease[index].LeaseKeepAlive(options);
                await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = id }, cancellationToken).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                if (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    Observe(call.ResponseStream.Current.Header);
                    return call.ResponseStream.Current.TTL;
                }
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The etcd lease keep-alive was cancelled.", error, cancellationToken);
            }
            catch (RpcException error) when (IsRetryable(error))
            {
                Interlocked.Increment(ref _retries);
                Interlocked.CompareExchange(ref _current, index + 1, index);
            }
        }

        return null;
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        Func<Clients, TRequest, CallOptions, AsyncUnaryCall<TResponse>> send,
        TRequest request,
        string operation,
        CancellationToken cancellationToken,
        TimeSpan? budget,
        Func<TResponse, ResponseHeader?> header)
    {
        TimeSpan total = budget ?? _options.OperationTimeout;
        long started = Stopwatch.GetTimestamp();
        int attempts = 0;
        RpcException? last = null;
        string lastEndpoint = Endpoints[0];
        while (true)
        {
            int index = Volatile.Read(ref _current) % Endpoints.Length;
            lastEndpoint = Endpoints[index];
            TimeSpan left = total - Stopwatch.GetElapsedTime(started);
            if (attempts > 0 && left <= TimeSpan.Zero)
            {
                throw Unreachable(operation, budget is null, total, attempts, lastEndpoint, last);
            }

            TimeSpan timeout = left < _options.RequestTimeout && left > TimeSpan.Zero ? left : _options.RequestTimeout;
            attempts++;
            try
            {
                var options = new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
                TResponse response = await send(new Clients(_kv[index], _lease[index]), request, options).ResponseAsync.ConfigureAwait(false);
                Observe(header(response));
                return response;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"The etcd {operation} was cancelled.", error, cancellationToken);
            }
            catch (RpcException error) when (IsRetryable(error))
            {
                last = error;
                Interlocked.Increment(ref _retries);

                // Move on to the next member (unless another caller already did), then wait a little: an election
                // takes a few hundred milliseconds, and hammering a member without a leader only loads the machine.
                Interlocked.CompareExchange(ref _current, index + 1, index);
                TimeSpan remaining = total - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw Unreachable(operation, budget is null, total, attempts, lastEndpoint, last);
                }

                TimeSpan pause = TimeSpan.FromMilliseconds(Math.Min(50 * attempts, 500));
                await Task.Delay(pause < remaining ? pause : remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException error)
            {
                throw EtcdErrors.Translate(error, operation, lastEndpoint);
            }
        }
    }

    // Unavailable: the member is gone, or has no leader, or lost it ("leader changed"); DeadlineExceeded: no answer in
    // time (the request may have been applied: only lane-guarded writes are ever sent, so sending it again is safe).
    private static bool IsRetryable(RpcException error)
        => error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Aborted
            || (error.StatusCode == StatusCode.Internal && error.Status.Detail.Contains("stream", StringComparison.OrdinalIgnoreCase))
            || EtcdErrors.IsTransientServerError(error);

    private StorageEngineException Unreachable(string operation, bool isOperationTimeout, TimeSpan total, int attempts, string lastEndpoint, RpcException? last)
        => new(
            Invariant.Text($"The etcd cluster did not complete the {operation} within EtcdEngineOptions.{(isOperationTimeout ? "OperationTimeout" : "ConnectTimeout")} ")
            + Invariant.Text($"({total.TotalSeconds:0.###} s; {attempts} attempts, each up to RequestTimeout {_options.RequestTimeout.TotalSeconds:0.###} s). ")
            + $"Endpoints: {string.Join(", ", Endpoints)}; the last one tried was {lastEndpoint}: {last?.Status.StatusCode} {last?.Status.Detail.TrimEnd('.')}."
            + (isOperationTimeout ? " A write that timed out was applied once or not at all, never twice." : ""),
            last);

    public void Dispose()
    {
        foreach (GrpcChannel channel in _channels)
        {
            channel.Dispose();
        }
    }

    private readonly record struct Clients(KV.KVClient KV, Lease.LeaseClient Lease);
}
