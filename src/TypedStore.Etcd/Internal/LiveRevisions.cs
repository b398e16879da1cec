namespace TypedStore.Etcd.Internal;

/// <summary>
/// The revisions this engine's live snapshots and iterators read, so compaction never passes the oldest of them. A
/// revision held twice is counted twice and released twice.
/// </summary>
internal sealed class LiveRevisions
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, int> _held = new();

    // Snapshots and iterators reading their revision right now: their revision is not known yet, so a compaction
    // computed meanwhile could pass it. The compactor skips its round while any is pending.
    private int _pending;

    /// <summary>Marks a revision read in progress; end it with <see cref="EndPending"/> (after <see cref="Hold"/>).</summary>
    public void BeginPending()
    {
        lock (_lock)
        {
            _pending++;
        }
    }

    public void EndPending()
    {
        lock (_lock)
        {
            _pending--;
        }
    }

    /// <summary>
    /// The revision compaction may reach: the oldest held, or <paramref name="current"/> (read before this call) when
    /// none is; null while a snapshot is being created.
    /// </summary>
    public long? Floor(long current)
    {
        lock (_lock)
        {
            if (_pending > 0)
            {
                return null;
            }

            foreach (KeyValuePair<long, int> entry in _held)
            {
                return Math.Min(entry.Key, current);
            }

            return current;
        }
    }

    public void Hold(long revision)
    {
        lock (_lock)
        {
            _held[revision] = _held.TryGetValue(revision, out int count) ? count + 1 : 1;
        }
    }

    public void Release(long revision)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(revision, out int count))
            {
                if (count == 1)
                {
                    _held.Remove(revision);
                }
                else
                {
                    _held[revision] = count - 1;
                }
            }
        }
    }

    /// <summary>The oldest revision held, or null when none is.</summary>
    public long? Oldest()
    {
        lock (_lock)
        {
            foreach (KeyValuePair<long, int> entry in _held)
            {
                return entry.Key;
            }

            return null;
        }
    }
}
