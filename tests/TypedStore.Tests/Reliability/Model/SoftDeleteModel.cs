namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// The model of the soft-delete, change-feed drafts table, written from docs/table-kinds.md: markers beside rows,
/// Restore removing the marker, Purge removing both, PurgeDeleted collecting markers older than a cutoff, and one
/// change per write in commit order (DeleteUser records one change naming the user).
/// </summary>
internal sealed class SoftDeleteModel
{
    private SortedDictionary<(string, int), DraftState> _entries = new(ValueOrder.StringThenInt32);
    private List<ModelChange> _changes = [];

    public IEnumerable<KeyValuePair<(string UserId, int DraftId), DraftState>> Entries => _entries;

    public IReadOnlyList<ModelChange> Changes => _changes;

    public IEnumerable<Draft> LiveRows => _entries.Values.Where(e => e.IsLive).Select(e => e.Row!);

    /// <summary>Rows a scan with <c>includeDeleted</c> returns: live ones and deleted ones that still have their row.</summary>
    public IEnumerable<Draft> RowsIncludingDeleted => _entries.Values.Where(e => e.Row is not null).Select(e => e.Row!);

    public void Put(Draft row, long now)
    {
        _entries[(row.UserId, row.DraftId)] = new DraftState(row, now, null);
        _changes.Add(new ModelChange(ChangeKind.Put, now, row.UserId, row.DraftId, row));
    }

    public void Delete(string userId, int draftId, long now)
    {
        DraftState? state = _entries.GetValueOrDefault((userId, draftId));
        _entries[(userId, draftId)] = state is null ? new DraftState(null, 0, now) : state with { DeletedTicks = now };
        _changes.Add(new ModelChange(ChangeKind.SoftDelete, now, userId, draftId, null));
    }

    public void Restore(string userId, int draftId, long now)
    {
        if (_entries.TryGetValue((userId, draftId), out DraftState? state) && state.DeletedTicks is not null)
        {
            if (state.Row is null)
            {
                _entries.Remove((userId, draftId));
            }
            else
            {
                _entries[(userId, draftId)] = state with { DeletedTicks = null };
            }
        }

        _changes.Add(new ModelChange(ChangeKind.Restore, now, userId, draftId, null));
    }

    public void Purge(string userId, int draftId, long now)
    {
        _entries.Remove((userId, draftId));
        _changes.Add(new ModelChange(ChangeKind.Purge, now, userId, draftId, null));
    }

    public void DeleteUser(string userId, long now)
    {
        foreach ((string, int) key in _entries.Keys.Where(k => k.Item1 == userId).ToList())
        {
            _entries.Remove(key);
        }

        _changes.Add(new ModelChange(ChangeKind.DeleteUser, now, userId, 0, null));
    }

    /// <summary>Removes markers older than the cutoff, with their rows; returns how many rows went (one Purge change each).</summary>
    public long PurgeDeleted(long cutoffTicks, long now)
    {
        long purged = 0;
        foreach (((string, int) key, DraftState state) in _entries.Where(e => e.Value.DeletedTicks < cutoffTicks).ToList())
        {
            _entries.Remove(key);
            if (state.Row is not null)
            {
                purged++;
                _changes.Add(new ModelChange(ChangeKind.Purge, now, key.Item1, key.Item2, null));
            }
        }

        return purged;
    }

    public DraftState? Get(string userId, int draftId) => _entries.GetValueOrDefault((userId, draftId));

    public SoftDeleteModel Clone() => new()
    {
        _entries = new SortedDictionary<(string, int), DraftState>(_entries, _entries.Comparer),
        _changes = [.. _changes],
    };
}
