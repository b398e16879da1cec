using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

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
internal sealed class CommitLanes(byte[] prefix, LaneLease lease)
{
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

        int number = Interlocked.Increment(ref _created);
        string name = string.Create(CultureInfo.InvariantCulture, $"{leaseId:x16}/{number:D6}");
        return new CommitLane([.. Prefix, .. Encoding.ASCII.GetBytes(name)], leaseId);
    }

    public void Return(CommitLane lane) => _free.Add(lane);
}
