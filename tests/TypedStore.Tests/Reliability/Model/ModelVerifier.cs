using System.Globalization;

namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// Compares every read of a view with the model: Get of every key (and of absent ones), ScanAll forward and
/// reversed, Count, and ScanUser/CountUser of every user id in play. Returns the first disagreement, or null.
/// </summary>
internal static class ModelVerifier
{
    public static string? FindDisagreement(
        IReliabilityView view, StoreModel model, IReadOnlyList<string> userIds, IReadOnlyList<Guid> deviceOwners, IReadOnlyList<byte[]> fileOwners, IReadOnlyList<string> absentAccounts)
    {
        return Compare("accounts.ScanAll", model.Accounts.Rows, view.ScanAccounts(reverse: false))
            ?? Compare("accounts.ScanAll(reverse)", model.Accounts.Rows.Reverse(), view.ScanAccounts(reverse: true))
            ?? Compare("accounts.Count", model.Accounts.Count, view.CountAccounts())
            ?? Compare("notes.ScanAll", model.Notes.Rows, view.ScanNotes(reverse: false))
            ?? Compare("notes.ScanAll(reverse)", model.Notes.Rows.Reverse(), view.ScanNotes(reverse: true))
            ?? Compare("notes.Count", model.Notes.Count, view.CountNotes())
            ?? Compare("devices.ScanAll", model.Devices.Rows, view.ScanDevices(reverse: false))
            ?? Compare("devices.ScanAll(reverse)", model.Devices.Rows.Reverse(), view.ScanDevices(reverse: true))
            ?? Compare("devices.Count", model.Devices.Count, view.CountDevices())
            ?? CompareFiles("files.ScanAll", model.Files.Rows, view.ScanFiles(reverse: false))
            ?? CompareFiles("files.ScanAll(reverse)", model.Files.Rows.Reverse(), view.ScanFiles(reverse: true))
            ?? Compare("files.Count", model.Files.Count, view.CountFiles())
            ?? CompareDrafts(view, model.Drafts, userIds)
            ?? Compare("config.ScanAll", model.Config.Rows, view.ScanConfig(reverse: false))
            ?? Compare("config.ScanAll(reverse)", model.Config.Rows.Reverse(), view.ScanConfig(reverse: true))
            ?? Compare("config.Count", model.Config.Count, view.CountConfig())
            ?? CompareUsers(view, model, userIds)
            ?? CompareDeviceOwners(view, model, deviceOwners)
            ?? CompareFileOwners(view, model, fileOwners)
            ?? CompareGets(view, model, absentAccounts);
    }

    private static string? CompareDrafts(IReliabilityView view, SoftDeleteModel model, IReadOnlyList<string> userIds)
    {
        string? disagreement = Compare("drafts.ScanAll", model.LiveRows, view.ScanDrafts(reverse: false, includeDeleted: false))
            ?? Compare("drafts.ScanAll(reverse)", model.LiveRows.Reverse(), view.ScanDrafts(reverse: true, includeDeleted: false))
            ?? Compare("drafts.ScanAll(includeDeleted)", model.RowsIncludingDeleted, view.ScanDrafts(reverse: false, includeDeleted: true))
            ?? Compare("drafts.Count", model.LiveRows.Count(), view.CountDrafts());
        if (disagreement is not null)
        {
            return disagreement;
        }

        foreach (string userId in userIds)
        {
            List<Draft> expected = model.LiveRows.Where(d => d.UserId == userId).ToList();
            disagreement = Compare($"drafts.ScanUser({Show(userId)})", expected, view.ScanDraftsOf(userId))
                ?? Compare($"drafts.CountUser({Show(userId)})", expected.Count, view.CountDraftsOf(userId));
            if (disagreement is not null)
            {
                return disagreement;
            }
        }

        foreach (((string userId, int draftId), DraftState state) in model.Entries)
        {
            string key = $"{Show(userId)}, {draftId}";
            if (view.GetDraft(userId, draftId) != (state.IsLive ? state.Row : null))
            {
                return $"drafts.Get({key}) is not {(state.IsLive ? state.Row : "null")}";
            }

            TypedStore.Tables.TableEntry<Draft>? entry = view.GetDraftEntry(userId, draftId);
            if (state.Row is null)
            {
                if (entry is not null)
                {
                    return $"drafts.GetEntry({key}) returns {entry} for a key with a marker and no row";
                }

                continue;
            }

            DateTimeOffset? deleted = state.DeletedTicks is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            if (entry is not { } found || found.Row != state.Row || found.Updated.UtcTicks != state.UpdatedTicks || found.IsDeleted != state.DeletedTicks.HasValue || found.Deleted != deleted)
            {
                return $"drafts.GetEntry({key}) is {entry?.ToString() ?? "null"} (deleted {entry?.Deleted}), expected {state}";
            }
        }

        return null;
    }

    /// <summary>
    /// Compares the change feed after <paramref name="sinceSequence"/> with the model's changes from <paramref name="fromIndex"/>
    /// (and, when <paramref name="perUser"/>, every user's own feed with the model's changes of that user).
    /// </summary>
    public static string? FindChangeDisagreement(
        IReliabilityView view, SoftDeleteModel model, int fromIndex, long sinceSequence, IReadOnlyList<string> userIds, bool perUser, out long lastSequence)
    {
        List<ReliabilityStore.DraftsChange> changes = view.ReadDraftChanges(sinceSequence).ToList();
        lastSequence = changes.Count > 0 ? changes[^1].Sequence : sinceSequence;
        for (int i = 1; i < changes.Count; i++)
        {
            if (changes[i].Sequence <= changes[i - 1].Sequence)
            {
                return $"drafts.ReadChanges({sinceSequence}): sequence {changes[i].Sequence} follows {changes[i - 1].Sequence}";
            }
        }

        if (changes.Count > 0 && changes[0].Sequence <= sinceSequence)
        {
            return $"drafts.ReadChanges({sinceSequence}) starts at sequence {changes[0].Sequence}";
        }

        string? disagreement = Compare($"drafts.ReadChanges({sinceSequence})", model.Changes.Skip(fromIndex), changes.Select(ToModel));
        if (disagreement is not null || !perUser)
        {
            return disagreement;
        }

        foreach (string userId in userIds)
        {
            disagreement = Compare($"drafts.ReadChanges({Show(userId)}, 0)", model.Changes.Where(c => c.UserId == userId), view.ReadDraftChanges(userId, 0).Select(ToModel));
            if (disagreement is not null)
            {
                return disagreement;
            }
        }

        return null;
    }

    private static ModelChange ToModel(ReliabilityStore.DraftsChange change)
        => new(change.Kind, change.Timestamp.UtcTicks, change.UserId, change.DraftId, change.Row);

    private static string? CompareUsers(IReliabilityView view, StoreModel model, IReadOnlyList<string> userIds)
    {
        foreach (string userId in userIds)
        {
            List<Note> expected = model.Notes.Where(key => key.Item1 == userId).ToList();
            string? disagreement = Compare($"notes.ScanUser({Show(userId)})", expected, view.ScanNotesOf(userId))
                ?? Compare($"notes.CountUser({Show(userId)})", expected.Count, view.CountNotesOf(userId));
            if (disagreement is not null)
            {
                return disagreement;
            }
        }

        return null;
    }

    private static string? CompareDeviceOwners(IReliabilityView view, StoreModel model, IReadOnlyList<Guid> ownerIds)
    {
        foreach (Guid ownerId in ownerIds)
        {
            List<Device> expected = model.Devices.Where(key => key.Item1 == ownerId).ToList();
            string? disagreement = Compare($"devices.ScanUser({ownerId})", expected, view.ScanDevicesOf(ownerId))
                ?? Compare($"devices.CountUser({ownerId})", expected.Count, view.CountDevicesOf(ownerId));
            if (disagreement is not null)
            {
                return disagreement;
            }
        }

        return null;
    }

    private static string? CompareFileOwners(IReliabilityView view, StoreModel model, IReadOnlyList<byte[]> ownerIds)
    {
        foreach (byte[] ownerId in ownerIds)
        {
            List<FileEntry> expected = model.Files.Where(key => key.Item1.AsSpan().SequenceEqual(ownerId)).ToList();
            string? disagreement = CompareFiles($"files.Scan({Convert.ToHexString(ownerId)})", expected, view.ScanFilesOf(ownerId));
            if (disagreement is not null)
            {
                return disagreement;
            }
        }

        return null;
    }

    private static string? CompareGets(IReliabilityView view, StoreModel model, IReadOnlyList<string> absentAccounts)
    {
        foreach (Account account in model.Accounts.Rows)
        {
            if (view.GetAccount(account.Id) != account)
            {
                return $"accounts.Get({Show(account.Id)}) is not {account}";
            }
        }

        foreach (string id in absentAccounts)
        {
            if (model.Accounts.Get(id) is null && view.GetAccount(id) is not null)
            {
                return $"accounts.Get({Show(id)}) returns a row the model does not have";
            }
        }

        foreach (Note note in model.Notes.Rows)
        {
            if (view.GetNote(note.UserId, note.NoteId) != note)
            {
                return $"notes.Get({Show(note.UserId)}, {note.NoteId}) is not {note}";
            }
        }

        foreach (Device device in model.Devices.Rows)
        {
            if (view.GetDevice(device.OwnerId, device.Seq) != device)
            {
                return $"devices.Get({device.OwnerId}, {device.Seq}) is not {device}";
            }
        }

        foreach (FileEntry file in model.Files.Rows)
        {
            if (Describe(view.GetFile(file.OwnerId, file.Seq)) != Describe(file))
            {
                return $"files.Get({Convert.ToHexString(file.OwnerId)}, {file.Seq}) is not {Describe(file)}";
            }
        }

        foreach (ConfigEntry entry in model.Config.Rows)
        {
            if (view.GetConfig(entry.Name) != entry)
            {
                return $"config.Get({Show(entry.Name)}) is not {entry}";
            }
        }

        return null;
    }

    private static string? Compare<T>(string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        List<T> expectedList = expected.ToList();
        List<T> actualList = actual.ToList();
        if (expectedList.SequenceEqual(actualList))
        {
            return null;
        }

        int first = 0;
        while (first < expectedList.Count && first < actualList.Count && Equals(expectedList[first], actualList[first]))
        {
            first++;
        }

        string expectedRow = first < expectedList.Count ? $"{expectedList[first]}" : "the end";
        string actualRow = first < actualList.Count ? $"{actualList[first]}" : "the end";
        return $"{what}: expected {expectedList.Count} rows, got {actualList.Count}; first difference at row {first}: expected {expectedRow}, got {actualRow}";
    }

    private static string? CompareFiles(string what, IEnumerable<FileEntry> expected, IEnumerable<FileEntry> actual)
        => Compare(what, expected.Select(Describe), actual.Select(Describe));

    private static string? Compare(string what, long expected, long actual)
        => expected == actual ? null : $"{what}: expected {expected}, got {actual}";

    // Records compare arrays by reference; rows with a byte[] key are compared by their content.
    public static string Describe(FileEntry? file)
        => file is null ? "null" : $"FileEntry {{ OwnerId = {Convert.ToHexString(file.OwnerId)}, Seq = {file.Seq.ToString(CultureInfo.InvariantCulture)}, Name = {file.Name} }}";

    public static string Show(string value) => "\"" + string.Concat(value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
