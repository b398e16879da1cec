using System.Globalization;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// Drives a memory store and a RocksDB store with the same random operations and compares every result, including
/// exceptions (<see cref="Outcome"/>); throws <see cref="DifferentialMismatchException"/> at the first disagreement.
/// Step <c>i</c> of seed <c>s</c> draws everything from its own <see cref="Random"/> (seeded from s and i), and each
/// step is self-contained (a batch, a snapshot, a scan around a write each begin and end in their step), so any subset
/// of steps is a valid run: that is what lets <see cref="DifferentialMinimiser"/> drop steps. Every
/// <see cref="FullComparisonInterval"/> steps, after every reopen and at the end, <see cref="FullComparison"/>
/// compares every table whole.
/// </summary>
internal sealed class DifferentialRun : IDisposable
{
    public const int FullComparisonInterval = 200;

    private const int RecentCalls = 30;

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(DifferentialValues.T0));
    private readonly EnginePair _pair;
    private readonly Queue<string> _recent = new();
    private readonly List<string>? _fullLog;
    private long _feedCheckpoint;
    private int _stepsSinceFullComparison;
    private int _currentStep;

    /// <param name="seed">The run's seed.</param>
    /// <param name="keepFullLog">Whether to keep every call and both outcomes (for printing a minimised run).</param>
    public DifferentialRun(int seed, bool keepFullLog = false)
    {
        Seed = seed;
        _fullLog = keepFullLog ? [] : null;
        _pair = new EnginePair(new StoreOptions { TimeProvider = _clock, StreamEvictionInterval = TimeSpan.FromSeconds(10) });
    }

    public int Seed { get; }

    public DifferentialStatistics Statistics { get; } = new();

    /// <summary>Every call and its outcome, when the run keeps a full log.</summary>
    public IReadOnlyList<string> FullLog => _fullLog ?? [];

    /// <summary>The last calls, oldest first.</summary>
    public IEnumerable<string> Recent => _recent;

    /// <summary>
    /// Changes a RocksDB outcome before it is compared. Only the harness's own test sets it, to prove a disagreement
    /// is caught, reported and minimised.
    /// </summary>
    public Func<string, string, string>? TamperWithRocksDbOutcome { get; init; }

    /// <summary>Runs step <paramref name="index"/> of the seed's sequence.</summary>
    public void Step(int index)
    {
        _currentStep = index;
        Statistics.Steps++;
        var random = new Random(StepSeed(Seed, index));
        var vocabulary = new DifferentialVocabulary(random) { FeedCheckpoint = _feedCheckpoint };
        AdvanceClock(random);

        // Out of 200: reopening costs a RocksDB open (~0.1 s: it replays and flushes the WAL), so it is the rarest step.
        int dice = random.Next(200);
        switch (dice)
        {
            case < 60:
                Write(vocabulary.Write(inBatch: false));
                break;
            case < 80:
                Batch(random, vocabulary);
                break;
            case < 88:
                Statistics.Refused++;
                Write(vocabulary.Refused());
                break;
            case < 98:
                Snapshot(random, vocabulary);
                break;
            case < 104:
                ScanAroundWrite(random, vocabulary);
                break;
            case < 110:
                Evict(random, vocabulary);
                break;
            case < 112:
                Write(vocabulary.PurgeDeleted(_clock.Now));
                break;
            case < 113:
                Reopen();
                break;
            default:
                Read(vocabulary.Read());
                break;
        }

        if (++_stepsSinceFullComparison >= FullComparisonInterval)
        {
            CompareEverything($"full comparison after step {index}");
        }
    }

    /// <summary>Compares every table of both stores, whole; feeds from <paramref name="fromStart"/> ? 0 : the last checkpoint.</summary>
    public void CompareEverything(string when, bool fromStart = false)
    {
        _stepsSinceFullComparison = 0;
        Statistics.FullComparisons++;
        Log($"-- {when}");
        long since = fromStart ? 0 : _feedCheckpoint;
        foreach (ReadOperation read in FullComparison.Reads(since))
        {
            Compare(read.Description, () => read.OnStore(_pair.Memory), () => read.OnStore(_pair.RocksDb));
        }

        _feedCheckpoint = Math.Max(_feedCheckpoint, FullComparison.LastSequence(_pair.Memory, _feedCheckpoint));
    }

    public void Dispose() => _pair.Dispose();

    /// <summary>The seed of one step: a SplitMix64 mix of the run's seed and the step's index, so steps are independent.</summary>
    public static int StepSeed(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private void AdvanceClock(Random random)
    {
        int dice = random.Next(100);
        TimeSpan by = dice switch
        {
            < 10 => TimeSpan.Zero, // several appends in one millisecond
            < 13 => TimeSpan.FromSeconds(random.Next(30, 200)), // past the streams' 60 s TTL
            _ => TimeSpan.FromMilliseconds(random.Next(1, 3_000)),
        };
        _clock.Advance(by);
    }

    private void Write(WriteOperation operation)
    {
        Statistics.Writes++;
        Compare(operation.Description, () => operation.OnStore(_pair.Memory), () => operation.OnStore(_pair.RocksDb));
    }

    private void Read(ReadOperation operation)
    {
        Statistics.Reads++;
        Compare(operation.Description, () => operation.OnStore(_pair.Memory), () => operation.OnStore(_pair.RocksDb));
    }

    /// <summary>A batch mixing tables, committed (sometimes twice) or disposed without commit; reads of the store in between must not see it.</summary>
    private void Batch(Random random, DifferentialVocabulary vocabulary)
    {
        Statistics.Batches++;
        DifferentialStoreBatch memory = _pair.Memory.CreateBatch();
        DifferentialStoreBatch rocksDb = _pair.RocksDb.CreateBatch();
        bool narrow = random.Next(2) == 0;
        if (narrow)
        {
            vocabulary.Narrow();
        }

        try
        {
            int size = random.Next(1, 9);
            for (int i = 0; i < size; i++)
            {
                if (random.Next(6) == 0)
                {
                    Read(vocabulary.Read());
                    continue;
                }

                WriteOperation operation = vocabulary.Write(inBatch: true);
                Compare("batch: " + operation.Description, () => operation.OnBatch!(_pair.Memory, memory), () => operation.OnBatch!(_pair.RocksDb, rocksDb));
            }

            if (random.Next(5) == 0)
            {
                Statistics.AbandonedBatches++;
                Log("batch disposed without Commit");
                return;
            }

            Compare("batch.Commit()", () => Done(memory.Commit), () => Done(rocksDb.Commit));
            if (random.Next(10) == 0)
            {
                Compare("batch.Commit() again", () => Done(memory.Commit), () => Done(rocksDb.Commit));
            }
        }
        finally
        {
            memory.Dispose();
            rocksDb.Dispose();
            if (narrow)
            {
                vocabulary.Widen();
            }
        }

        if (random.Next(10) == 0)
        {
            Account row = new("after-dispose", 1, null);
            Compare("batch.Accounts.Put after Dispose", () => Done(() => memory.Accounts.Put(row)), () => Done(() => rocksDb.Accounts.Put(row)));
        }
    }

    /// <summary>Snapshots of both stores; writes (direct or one batch); reads through the snapshots must show the moment they were taken.</summary>
    private void Snapshot(Random random, DifferentialVocabulary vocabulary)
    {
        Statistics.Snapshots++;
        DifferentialStoreSnapshot memory = _pair.Memory.CreateSnapshot();
        DifferentialStoreSnapshot rocksDb = _pair.RocksDb.CreateSnapshot();
        Log("snapshots taken");
        try
        {
            // A lazy scan begun through the snapshot before the writes, enumerated after them.
            const string description = "snapshot: drafts.ScanAllEntries() begun before the writes, read after them";
            IEnumerable<object?> memoryScan = memory.Drafts.ScanAllEntries().Cast<object?>();
            IEnumerable<object?> rocksDbScan = rocksDb.Drafts.ScanAllEntries().Cast<object?>();

            if (random.Next(3) == 0)
            {
                Batch(random, vocabulary);
            }
            else
            {
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    Write(vocabulary.Write(inBatch: false));
                }
            }

            Compare(description, () => memoryScan, () => rocksDbScan);
            for (int i = random.Next(2, 7); i > 0; i--)
            {
                ReadOperation read = vocabulary.Read();
                Compare("snapshot: " + read.Description, () => read.OnSnapshot(memory), () => read.OnSnapshot(rocksDb));
            }

            if (random.Next(4) == 0)
            {
                Statistics.FullSnapshotComparisons++;
                foreach (ReadOperation read in FullComparison.Reads(_feedCheckpoint))
                {
                    Compare("snapshot: " + read.Description, () => read.OnSnapshot(memory), () => read.OnSnapshot(rocksDb));
                }
            }
        }
        finally
        {
            memory.Dispose();
            rocksDb.Dispose();
        }

        if (random.Next(10) == 0)
        {
            Compare("snapshot: accounts.Count() after Dispose", () => memory.Accounts.Count(), () => rocksDb.Accounts.Count());
        }
    }

    /// <summary>A lazy scan enumerated part-way, a write to the store, then the rest of the scan.</summary>
    private void ScanAroundWrite(Random random, DifferentialVocabulary vocabulary)
    {
        Statistics.ScansAroundWrites++;
        (string scanDescription, Func<DifferentialStore, IEnumerable<object?>> scan) = vocabulary.LazyScan();
        WriteOperation write = vocabulary.Write(inBatch: false);
        int before = random.Next(0, 4);
        Compare(
            $"{scanDescription}, {before} rows read, then {write.Description}, then the rest",
            () => EnumerateAround(_pair.Memory, scan, before, write),
            () => EnumerateAround(_pair.RocksDb, scan, before, write));
    }

    private static object EnumerateAround(DifferentialStore store, Func<DifferentialStore, IEnumerable<object?>> scan, int before, WriteOperation write)
    {
        var rows = new List<string>();
        string written = "not run";
        using (IEnumerator<object?> enumerator = scan(store).GetEnumerator())
        {
            bool more = true;
            for (int i = 0; i < before && (more = enumerator.MoveNext()); i++)
            {
                rows.Add(OutcomeText.Of(enumerator.Current));
            }

            written = Outcome.Of(() => write.OnStore(store));
            while (more && enumerator.MoveNext())
            {
                rows.Add(OutcomeText.Of(enumerator.Current));
            }
        }

        return (rows, written);
    }

    /// <summary>Eviction on demand (compared), or the background eviction timers fired (both stores' timers share the clock).</summary>
    private void Evict(Random random, DifferentialVocabulary vocabulary)
    {
        Statistics.Evictions++;
        if (random.Next(2) == 0)
        {
            Write(vocabulary.Evict());
            return;
        }

        ManualTimer[] timers;
        lock (_clock.Timers)
        {
            _clock.Timers.RemoveAll(t => t.IsDisposed);
            timers = [.. _clock.Timers];
        }

        Log($"background eviction: {timers.Length} timers fired");
        foreach (ManualTimer timer in timers)
        {
            timer.Fire();
        }
    }

    private void Reopen()
    {
        Statistics.Reopens++;
        DifferentialStore oldMemory = _pair.Memory;
        DifferentialStore oldRocksDb = _pair.RocksDb;
        Log("close and reopen both stores");
        _pair.Reopen();
        Compare("accounts.Count() on the disposed store", () => oldMemory.Accounts.Count(), () => oldRocksDb.Accounts.Count());
        CompareEverything("after reopen");
    }

    private void Compare(string description, Func<object?> onMemory, Func<object?> onRocksDb)
    {
        Statistics.Calls++;
        string memory = Outcome.Of(onMemory);
        string rocksDb = Outcome.Of(onRocksDb);
        if (TamperWithRocksDbOutcome is not null)
        {
            rocksDb = TamperWithRocksDbOutcome(description, rocksDb);
        }

        if (memory.StartsWith("throws ", StringComparison.Ordinal))
        {
            Statistics.Exceptions++;
        }

        string line = $"step {_currentStep.ToString(CultureInfo.InvariantCulture)}: {description}";
        Log(line, memory);
        if (!string.Equals(memory, rocksDb, StringComparison.Ordinal))
        {
            throw new DifferentialMismatchException(line, memory, rocksDb);
        }
    }

    private void Log(string line, string? outcome = null)
    {
        string shown = outcome is null ? line : $"{line} -> {(outcome.Length <= 160 ? outcome : outcome[..160] + "...")}";
        _fullLog?.Add(shown);
        _recent.Enqueue(shown);
        if (_recent.Count > RecentCalls)
        {
            _recent.Dequeue();
        }
    }

    private static string Done(Action action)
    {
        action();
        return "done";
    }
}
