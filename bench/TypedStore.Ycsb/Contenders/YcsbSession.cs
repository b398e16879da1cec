using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Contenders;

/// <summary>
/// A worker thread's handle on a contender. Every read is checked (<see cref="RowFactory.Verify(string, string, Usertable?)"/>):
/// a missing, foreign, torn or garbled row throws <see cref="YcsbCheckException"/> and fails the run.
/// </summary>
internal abstract class YcsbSession(string contender) : IDisposable
{
    /// <summary>The contender's name, for failure messages.</summary>
    protected string Contender { get; } = contender;

    /// <summary>Inserts a new record (load, and the inserts of D and E).</summary>
    public abstract void Insert(Usertable row);

    /// <summary>Replaces an existing record's fields (every field: YCSB's <c>writeallfields=true</c>).</summary>
    public virtual void Update(Usertable row) => Insert(row);

    /// <summary>Reads the record of <paramref name="key"/> and checks it.</summary>
    public abstract void Read(string key);

    /// <summary>Reads up to <paramref name="count"/> records in key order from <paramref name="startKey"/> (which exists), checking each.</summary>
    public abstract void Scan(string startKey, int count);

    /// <summary>YCSB's read-modify-write: read (and check) the record, then write it back changed.</summary>
    public void ReadModifyWrite(string key, Usertable changed)
    {
        Read(key);
        Update(changed);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
