using System.Globalization;
using TypedStore.CrashTarget;

namespace TypedStore.Tests.Reliability.CrashTarget;

/// <summary>
/// Every write the crash target acknowledged, over all its runs, and the checks a reopened store must pass:
/// acknowledged writes present (and acknowledged deletes absent), every stored row intact, every batch
/// all-or-nothing, the progress row of each generation in step with the batches committed with it, and the
/// ledger's change feed holding exactly one change per ledger entry.
/// </summary>
internal sealed class AcknowledgedWrites
{
    private readonly HashSet<string> _puts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletesInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _batches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _marks = new(StringComparer.Ordinal);

    /// <summary>Number of acknowledgements recorded (delete intents are not acknowledgements).</summary>
    public int Count { get; private set; }

    /// <summary>Records one line of the target's output; <see langword="false"/> if it is not an acknowledgement.</summary>
    public bool Record(string line)
    {
        if (!CrashProtocol.TryParseAcknowledgement(line, out string op, out string id, out int size))
        {
            return false;
        }

        switch (op)
        {
            case CrashProtocol.PutOp:
                _puts.Add(id);
                break;
            case CrashProtocol.DeleteIntentOp:
                // From here the put may be gone even if the delete's acknowledgement never arrives.
                _puts.Remove(id);
                _deletesInFlight.Add(id);
                return true;
            case CrashProtocol.DeleteOp:
                _deletesInFlight.Remove(id);
                _deletes.Add(id);
                break;
            case CrashProtocol.BatchOp:
            case CrashProtocol.PutManyOp:
                _batches.Add(id, size);
                break;
            case CrashProtocol.SystemOp:
                _marks.Add(id);
                break;
            default:
                return false;
        }

        Count++;
        return true;
    }

    /// <summary>
    /// Checks <paramref name="store"/>; returns one message per violation (empty when it keeps every promise).
    /// Integrity and atomicity are always checked; what is checked of the acknowledged writes depends on
    /// <paramref name="expectation"/>.
    /// </summary>
    public List<string> Verify(CrashStore store, Expectation expectation)
    {
        var violations = new List<string>();
        Dictionary<string, Item> items = store.Items.ScanAll().ToDictionary(item => item.Id, StringComparer.Ordinal);
        List<LedgerEntry> ledger = store.Ledger.ScanAll().ToList();
        List<Progress> progress = store.Progress.ScanAll().ToList();
        List<Mark> marks = store.Marks.ScanAll().ToList();

        // Integrity: whatever is stored was written whole.
        foreach (Item item in items.Values)
        {
            if (item.Payload != CrashProtocol.PayloadFor(item.Id) || item.Filler.AsSpan().ContainsAnyExcept('f'))
            {
                violations.Add($"item {item.Id} has a torn payload ({item.Payload.Length} chars, filler {item.Filler.Length})");
            }
        }

        foreach (Mark mark in marks)
        {
            if (mark.Payload != CrashProtocol.PayloadFor(mark.Id))
            {
                violations.Add($"mark {mark.Id} has a torn payload");
            }
        }

        // Atomicity: every batch present is present whole, in every table it wrote.
        foreach (IGrouping<string, Item> batch in items.Values.Where(item => item.Batch.Length > 0).GroupBy(item => item.Batch, StringComparer.Ordinal))
        {
            int size = batch.First().BatchSize;
            if (batch.Count() != size || batch.Any(item => item.BatchSize != size))
            {
                violations.Add($"batch {batch.Key} is partly present: {batch.Count()} of {size} items");
            }
        }

        var ledgerByItem = ledger.ToDictionary(entry => entry.ItemId, StringComparer.Ordinal);
        foreach (LedgerEntry entry in ledger)
        {
            if (!items.TryGetValue(entry.ItemId, out Item? item) || item.Batch != entry.Batch)
            {
                violations.Add($"ledger entry {entry.Generation}/{entry.ItemId} has no item of batch {entry.Batch}");
            }
        }

        foreach (Item item in items.Values.Where(item => IsCrossTableBatch(item.Batch)))
        {
            if (!ledgerByItem.ContainsKey(item.Id))
            {
                violations.Add($"item {item.Id} of batch {item.Batch} has no ledger entry");
            }
        }

        // The ledger's change feed holds one Put per entry present, no more and no fewer, in commit order.
        List<CrashStore.LedgerChange> feed = store.Ledger.ReadChanges(0).ToList();
        for (int i = 1; i < feed.Count; i++)
        {
            if (feed[i].Sequence <= feed[i - 1].Sequence)
            {
                violations.Add($"ledger feed: sequence {feed[i].Sequence} follows {feed[i - 1].Sequence}");
                break;
            }
        }

        var fed = new HashSet<string>(StringComparer.Ordinal);
        foreach (CrashStore.LedgerChange change in feed)
        {
            if (change.Kind != ChangeKind.Put || change.Row is null || !fed.Add(change.ItemId) || !ledgerByItem.TryGetValue(change.ItemId, out LedgerEntry? entry) || entry != change.Row)
            {
                violations.Add($"ledger feed: change {change.Sequence} ({change.Kind} {change.ItemId}) has no entry of its own");
            }
        }

        foreach (LedgerEntry entry in ledger.Where(entry => !fed.Contains(entry.ItemId)))
        {
            violations.Add($"ledger entry {entry.ItemId} has no change in the feed");
        }

        // The progress row is overwritten in the same batch: it names the last cross-table batch present.
        foreach (IGrouping<string, Item> generation in items.Values.Where(item => IsCrossTableBatch(item.Batch)).GroupBy(item => item.Batch[..4], StringComparer.Ordinal))
        {
            long last = generation.Max(item => BatchNumber(item.Batch));
            Progress? recorded = progress.Find(p => p.Generation == generation.Key);
            if (recorded is null || recorded.LastBatch != last)
            {
                violations.Add($"generation {generation.Key}: progress says batch {recorded?.LastBatch.ToString(CultureInfo.InvariantCulture) ?? "none"}, the last batch present is {last}");
            }
        }

        if (expectation == Expectation.IntegrityOnly)
        {
            return violations;
        }

        // Durability: every acknowledged write is there, every acknowledged delete is not. A live writer may since
        // have deleted a put whose delete this list has not read yet; puts are never written again, deletes never undone.
        if (expectation == Expectation.EveryAcknowledgedWrite)
        {
            foreach (string id in _puts.Where(id => !items.ContainsKey(id)))
            {
                violations.Add($"acknowledged put {id} is missing");
            }
        }

        foreach (string id in _deletes.Where(items.ContainsKey))
        {
            violations.Add($"acknowledged delete {id} is undone");
        }

        foreach ((string batchId, int size) in _batches)
        {
            for (int i = 0; i < size; i++)
            {
                if (!items.ContainsKey(CrashProtocol.BatchItemId(batchId, i)))
                {
                    violations.Add($"acknowledged batch {batchId} is missing item {i}");
                    break;
                }
            }
        }

        HashSet<string> storedMarks = marks.Select(mark => mark.Id).ToHashSet(StringComparer.Ordinal);
        foreach (string id in _marks.Where(id => !storedMarks.Contains(id)))
        {
            violations.Add($"acknowledged System-table put {id} is missing");
        }

        return violations;
    }

    /// <summary>What a store is expected to show of the acknowledged writes.</summary>
    public enum Expectation
    {
        /// <summary>Every acknowledged write and delete (a store reopened after its writer died).</summary>
        EveryAcknowledgedWrite,

        /// <summary>As above, except that acknowledged puts may have been deleted since (the writer is still running).</summary>
        WriterStillRunning,

        /// <summary>Only integrity and atomicity: acknowledged writes may be lost (the WAL was disabled).</summary>
        IntegrityOnly,
    }

    // Cross-table batch ids are "gNNN-bNNNNNNN"; PutMany ids carry an "m" suffix and touch the items table only.
    private static bool IsCrossTableBatch(string batchId) => batchId.Length > 0 && !batchId.EndsWith('m');

    private static long BatchNumber(string batchId) => long.Parse(batchId.AsSpan(batchId.IndexOf("-b", StringComparison.Ordinal) + 2), CultureInfo.InvariantCulture);
}
