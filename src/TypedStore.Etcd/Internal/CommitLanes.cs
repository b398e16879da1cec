using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Etcdserverpb;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// One key of this engine instance's own, written by every commit that uses it, one commit at a time: what makes a
/// retried write apply once. Each commit's transaction compares the lane's mod revision with the one this engine last
/// saw and puts the lane (on <see cref="LeaseId"/>) along with the writes. If a first attempt timed out but was
/// applied, the retry's compare fails and its failure branch reads the lane: a mod revision other than the one last
/// seen means the first attempt committed; no lane at all means its lease expired (<see cref="LaneLease"/>).
/// </summary>
internal sealed class CommitLane(byte[] key, long leaseId)
{
    public byte[] Key { get; } = key;

    /// <summary>The lease every put of this lane names: the lane exists only while the lease does.</summary>
    public long LeaseId { get; } = leaseId;

    /// <summary>The lane's mod revision after this engine's last commit through it (0: not written yet).</summary>
    public long KnownModRevision { get; set; }
}

/// <summary>
/// The pool of <see cref="CommitLane"/>s: a commit rents one, so concurrent commits use different lanes. A lane whose
/// last commit ended without an answer (timeout, cancellation) is retired: its transaction may still be applied later,
/// so its mod revision can no longer be known. Lanes of a lease that was lost are dropped when met.
/// </summary>
/// <remarks>
/// A new lane is written (on the lease) before its first commit, so every lane a commit uses exists and has a known mod
/// revision other than 0. That makes "no lane" unambiguous: its lease expired. Were a commit allowed to create its lane
/// (compare mod revision = 0), a commit refused by its own compares would find no lane either, and could not tell that
/// from a first attempt that was applied before the lease expired.
/// </remarks>
internal sealed class CommitLanes(byte[] prefix, LaneLease lease, EtcdConnection connection)
{
    private const int LeaseAttempts = 3;
    private readonly ConcurrentBag<CommitLane> _free = [];
    private int _created;

    /// <summary>Every lane key of this engine instance starts with this: <c>prefix lease-id/number</c>.</summary>
    public byte[] Prefix { get; } = prefix;

    public LaneLease Lease { get; } = lease;

    public async ValueTask<CommitLane> RentAsync(CancellationToken cancellationToken)
    {
        long leaseId = await Lease.CurrentAsync(cancellationToken).ConfigureAwait(false);
        while (_free.TryTake(out CommitLane? lane))
        {
            if (lane.LeaseId == leaseId)
            {
                return lane;
            }

            // A lane of a lost lease: etcd deleted it, and would refuse to write it again.
        }

        return await CreateAsync(leaseId, cancellationToken).ConfigureAwait(false);
    }

    public void Return(CommitLane lane) => _free.Add(lane);

    // Writes a new lane on the lease: put if absent, else read it (a retried creation that had been applied). Safe to
    // retry, and no write of the caller's is in it, so a lease found lost here is simply replaced.
    private async Task<CommitLane> CreateAsync(long leaseId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            int number = Interlocked.Increment(ref _created);
            string name = string.Create(CultureInfo.InvariantCulture, $"{leaseId:x16}/{number:D6}");
            var lane = new CommitLane([.. Prefix, .. Encoding.ASCII.GetBytes(name)], leaseId);
            ByteString key = UnsafeByteOperations.UnsafeWrap(lane.Key);
            var request = new TxnRequest();
            request.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = 0 });
            request.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = key, Lease = leaseId } });
            request.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = key, KeysOnly = true } });
            try
            {
                TxnResponse response = await connection.TxnAsync(request, "commit lane creation", cancellationToken).ConfigureAwait(false);
                RepeatedField<ResponseOp> read = response.Responses;
                lane.KnownModRevision = response.Succeeded ? response.Header.Revision : read[0].ResponseRange.Kvs[0].ModRevision;
                return lane;
            }
            catch (StorageEngineException error) when (EtcdErrors.IsLeaseNotFound(error) && attempt < LeaseAttempts)
            {
                Lease.MarkLost(leaseId);
                leaseId = await Lease.CurrentAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
