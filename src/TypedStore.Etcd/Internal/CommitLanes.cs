using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// One key of this engine instance's own, written by every commit that uses it, one commit at a time: what makes a
/// retried write apply once. Each commit's transaction compares the lane's mod revision with the one this engine last
/// saw and puts the lane along with the writes. If a first attempt timed out but was applied, the retry's compare fails
/// and its failure branch reads the lane: a mod revision other than the one last seen means the first attempt committed.
/// </summary>
internal sealed class CommitLane(byte[] key)
{
    public byte[] Key { get; } = key;

    /// <summary>The lane's mod revision after this engine's last commit through it (0: not written yet).</summary>
    public long KnownModRevision { get; set; }
}

/// <summary>
/// The pool of <see cref="CommitLane"/>s: a commit rents one, so concurrent commits use different lanes. A lane whose
/// last commit ended without an answer (timeout, cancellation) is retired: its transaction may still be applied later,
/// so its mod revision can no longer be known.
/// </summary>
internal sealed class CommitLanes(byte[] prefix)
{
    private readonly ConcurrentBag<CommitLane> _free = [];
    private int _created;

    /// <summary>Every lane key of this engine instance starts with this (deleted when the engine is disposed).</summary>
    public byte[] Prefix { get; } = prefix;

    public CommitLane Rent()
    {
        if (_free.TryTake(out CommitLane? lane))
        {
            return lane;
        }

        int number = Interlocked.Increment(ref _created);
        return new CommitLane([.. Prefix, .. Encoding.ASCII.GetBytes(number.ToString("D6", CultureInfo.InvariantCulture))]);
    }

    public void Return(CommitLane lane) => _free.Add(lane);
}
