using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// One implementation of the benchmarked operations over one fresh store. Rows are addressed by their index in
/// the shared <see cref="BenchDataSet"/>, so every contender writes and reads the same rows in the same order;
/// each does its own encoding (or, for the raw baseline, uses bytes encoded before timing).
/// </summary>
internal abstract class Contender : IDisposable
{
    private object? _lastRow;

    protected Contender(BenchDataSet data)
    {
        Data = data;
    }

    protected BenchDataSet Data { get; }

    /// <summary>The last row a read produced (see <see cref="Keep"/>).</summary>
    public object? LastRow => _lastRow;

    /// <summary>Opens a contender of <paramref name="kind"/> over a fresh store (a new temp directory for RocksDB).</summary>
    public static Contender Open(ContenderKind kind, BenchDataSet data, bool wal) => kind switch
    {
        ContenderKind.RawRocksDbSharp => new RawRocksDbContender(data, wal),
        ContenderKind.TypedStoreRocksDb => TypedStoreContender.OpenRocksDb(data, wal),
        ContenderKind.NaiveMessagePack => new NaiveMessagePackContender(data, wal),
        ContenderKind.TypedStoreMemory => TypedStoreContender.OpenInMemory(data),
        ContenderKind.TypedStoreCore => new TypedStoreCoreContender(data, wal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown contender."),
    };

    /// <summary>Inserts or replaces event <paramref name="index"/>.</summary>
    public abstract void PutEvent(int index);

    /// <summary>Reads event <paramref name="index"/> back as a row; returns its <see cref="Event.Sequence"/>.</summary>
    public abstract long GetEvent(int index);

    /// <summary>Writes <paramref name="batch"/> (events <paramref name="start"/> onwards) in one atomic batch.</summary>
    public abstract void PutEvents(int start, Event[] batch);

    /// <summary>Reads every event in key order, decoding key and value; returns the sum of their sequences.</summary>
    public abstract long ScanAllEvents();

    /// <summary>
    /// Seeks to event <paramref name="index"/>'s key and reads up to <paramref name="count"/> events from there in key
    /// order (YCSB workload E's short scan from a key), decoding key and value; returns the sum of their sequences.
    /// </summary>
    public virtual long ScanFromKey(int index, int count)
        => throw new NotSupportedException($"{GetType().Name} has no scan from a key.");

    /// <summary>Reads every row of user <paramref name="user"/> in key order; returns how many there were.</summary>
    public abstract long ScanUser(int user);

    /// <summary>Loads every event, then reopens the store so reads come from table files, as after a restart.</summary>
    public void LoadEvents()
    {
        Event[][] batches = Data.Events.GetBatches(BenchSettings.LoadBatchRows);
        for (int i = 0; i < batches.Length; i++)
        {
            PutEvents(i * BenchSettings.LoadBatchRows, batches[i]);
        }

        Reopen();
    }

    /// <summary>Loads every user event, then reopens the store (see <see cref="LoadEvents"/>).</summary>
    public void LoadUserEvents()
    {
        int count = Data.UserEvents.Rows.Length;
        for (int start = 0; start < count; start += BenchSettings.LoadBatchRows)
        {
            PutUserEvents(start, Math.Min(BenchSettings.LoadBatchRows, count - start));
        }

        Reopen();
    }

    /// <summary>Closes and reopens the store, as a restarted process would (see <see cref="Reopen"/>).</summary>
    public void Restart() => Reopen();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Keeps a row a read produced. The JIT may allocate an object on the stack when it can prove it never escapes,
    /// which a hand-inlined decoder allows and a real caller does not: every contender keeps its rows, so every
    /// contender builds the same heap rows a caller would get.
    /// </summary>
    protected void Keep(object row) => _lastRow = row;

    /// <summary>Writes user events <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 in one batch.</summary>
    protected abstract void PutUserEvents(int start, int count);

    /// <summary>
    /// Closes and reopens the store. Loads run with the WAL off, and closing then flushes the memtables, so every
    /// RocksDB contender reads the same kind of table files afterwards.
    /// </summary>
    protected abstract void Reopen();

    protected abstract void Dispose(bool disposing);
}
