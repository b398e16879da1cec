using TypedStore.Tests.EndToEnd;
using static TypedStore.Tests.Reliability.Differential.DifferentialValues;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// Every read that shows a table whole, for comparing the two engines' stores (or snapshots) completely: ScanAll
/// forwards and reversed (with soft-deleted rows too, and as entries with their system columns), Count, every prefix
/// and user of the key pools (Scan, ScanUser, CountUser), GetEntry of every pooled key, the stream tables, and the
/// change feeds (store-wide and per user) after <c>since</c>.
/// </summary>
internal static class FullComparison
{
    /// <summary>The reads, in a fixed order.</summary>
    public static IEnumerable<ReadOperation> Reads(long since)
    {
        foreach (bool reverse in new[] { false, true })
        {
            yield return new($"accounts.ScanAll({reverse})", s => s.Accounts.ScanAll(reverse), n => n.Accounts.ScanAll(reverse));
            yield return new($"notes.ScanAll({reverse})", s => s.Notes.ScanAll(reverse), n => n.Notes.ScanAll(reverse));
            yield return new($"devices.ScanAll({reverse})", s => s.Devices.ScanAll(reverse), n => n.Devices.ScanAll(reverse));
            yield return new($"files.ScanAll({reverse})", s => s.Files.ScanAll(reverse), n => n.Files.ScanAll(reverse));
            yield return new($"drafts.ScanAll({reverse})", s => s.Drafts.ScanAll(reverse), n => n.Drafts.ScanAll(reverse));
            yield return new($"drafts.ScanAllEntries({reverse})", s => s.Drafts.ScanAllEntries(reverse), n => n.Drafts.ScanAllEntries(reverse));
            yield return new($"config.ScanAll({reverse})", s => s.Config.ScanAll(reverse), n => n.Config.ScanAll(reverse));
            yield return new($"ledger.ScanAll({reverse})", s => s.Ledger.ScanAll(reverse), n => n.Ledger.ScanAll(reverse));
            yield return new($"events.ScanAll({reverse})", s => s.Events.ScanAll(reverse), n => n.Events.ScanAll(reverse));
            yield return new($"presence.ScanAll({reverse})", s => s.Presence.ScanAll(reverse), n => n.Presence.ScanAll(reverse));
            yield return new($"pings.ScanAll({reverse})", s => s.Pings.ScanAll(reverse), n => n.Pings.ScanAll(reverse));
            yield return new($"tickets.ScanAll({reverse}, includeDeleted)", s => s.Tickets.ScanAll(reverse, includeDeleted: true), n => n.Tickets.ScanAll(reverse, includeDeleted: true));
            yield return new($"tickets.ScanAllEntries({reverse})", s => s.Tickets.ScanAllEntries(reverse), n => n.Tickets.ScanAllEntries(reverse));
            yield return new($"readings.ScanAll({reverse})", s => s.Readings.ScanAll(reverse), n => n.Readings.ScanAll(reverse));
            yield return new($"key_zoo.ScanAll({reverse})", s => s.KeyZoo.ScanAll(reverse), n => n.KeyZoo.ScanAll(reverse));
            yield return new($"rooms.ScanAll({reverse})", s => s.Rooms.ScanAll(reverse), n => n.Rooms.ScanAll(reverse));
        }

        yield return new("every Count()", CountAll, CountAll);

        foreach (string user in UserIds)
        {
            string shown = DifferentialVocabulary.Show(user);
            yield return new($"notes.ScanUser/CountUser({shown})", s => (s.Notes.ScanUser(user), s.Notes.CountUser(user)), n => (n.Notes.ScanUser(user), n.Notes.CountUser(user)));
            yield return new($"drafts.ScanUser/CountUser({shown})", s => (s.Drafts.ScanUser(user), s.Drafts.CountUser(user)), n => (n.Drafts.ScanUser(user), n.Drafts.CountUser(user)));
            yield return new($"drafts.ReadChanges({shown}, {since})", s => s.Drafts.ReadChanges(user, since), n => n.Drafts.ReadChanges(user, since));
            yield return new($"presence.Scan({shown})", s => s.Presence.Scan(user), n => n.Presence.Scan(user));
            foreach (long noteId in NoteIds)
            {
                yield return new($"notes.GetEntry({shown}, {noteId})", s => s.Notes.GetEntry(user, noteId), n => n.Notes.GetEntry(user, noteId));
            }

            foreach (int draftId in Seqs)
            {
                yield return new($"drafts.GetEntry({shown}, {draftId})", s => s.Drafts.GetEntry(user, draftId), n => n.Drafts.GetEntry(user, draftId));
            }
        }

        foreach (Guid guid in Guids)
        {
            yield return new($"devices.ScanUser/CountUser({guid})", s => (s.Devices.ScanUser(guid), s.Devices.CountUser(guid)), n => (n.Devices.ScanUser(guid), n.Devices.CountUser(guid)));
            yield return new($"ledger.Scan({guid})", s => s.Ledger.Scan(guid), n => n.Ledger.Scan(guid));
            yield return new($"rooms.GetEntry({guid})", s => s.Rooms.GetEntry(guid), n => n.Rooms.GetEntry(guid));
            foreach (int seq in Seqs)
            {
                yield return new($"devices/ledger.GetEntry({guid}, {seq})", s => (s.Devices.GetEntry(guid, seq), s.Ledger.GetEntry(guid, seq)), n => (n.Devices.GetEntry(guid, seq), n.Ledger.GetEntry(guid, seq)));
            }
        }

        foreach (byte[] owner in FileOwners)
        {
            string hex = Convert.ToHexString(owner);
            yield return new($"files.Scan({hex})", s => s.Files.Scan(owner), n => n.Files.Scan(owner));
            foreach (int seq in Seqs)
            {
                yield return new($"files.GetEntry({hex}, {seq})", s => s.Files.GetEntry(owner, seq), n => n.Files.GetEntry(owner, seq));
            }
        }

        foreach (string id in AccountIds)
        {
            yield return new($"accounts.GetEntry({DifferentialVocabulary.Show(id)})", s => s.Accounts.GetEntry(id), n => n.Accounts.GetEntry(id));
        }

        foreach (string site in Sites)
        {
            string shown = DifferentialVocabulary.Show(site);
            yield return new($"readings.Scan({shown})", s => s.Readings.Scan(site), n => n.Readings.Scan(site));
            foreach (int sensor in Sensors)
            {
                yield return new($"readings.Scan({shown}, {sensor})", s => s.Readings.Scan(site, sensor), n => n.Readings.Scan(site, sensor));
            }
        }

        for (int i = 0; i < Zoo.Length; i++)
        {
            KeyZoo k = Zoo[i];
            yield return new(
                $"key_zoo.GetEntry(zoo[{i}]) and Scan(zoo[{i}] to Id)",
                s => (s.KeyZoo.GetEntry(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id, k.Text), s.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id)),
                n => (n.KeyZoo.GetEntry(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id, k.Text), n.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id)));
        }

        foreach (string name in ConfigNames)
        {
            yield return new($"config.GetEntry({DifferentialVocabulary.Show(name)})", s => s.Config.GetEntry(name), n => n.Config.GetEntry(name));
        }

        foreach (string host in Hosts)
        {
            yield return new($"pings.GetEntry({DifferentialVocabulary.Show(host)})", s => s.Pings.GetEntry(host), n => n.Pings.GetEntry(host));
        }

        yield return new($"drafts.ReadChanges({since})", s => s.Drafts.ReadChanges(since), n => n.Drafts.ReadChanges(since));
        yield return new($"ledger.ReadChanges({since})", s => s.Ledger.ReadChanges(since), n => n.Ledger.ReadChanges(since));
        yield return new($"tickets.ReadChanges({since})", s => s.Tickets.ReadChanges(since), n => n.Tickets.ReadChanges(since));
    }

    /// <summary>The largest change-feed sequence of <paramref name="store"/> after <paramref name="since"/> (the sequence is store-wide).</summary>
    public static long LastSequence(DifferentialStore store, long since)
    {
        long last = since;
        foreach (var change in store.Drafts.ReadChanges(since))
        {
            last = Math.Max(last, change.Sequence);
        }

        foreach (var change in store.Ledger.ReadChanges(since))
        {
            last = Math.Max(last, change.Sequence);
        }

        foreach (var change in store.Tickets.ReadChanges(since))
        {
            last = Math.Max(last, change.Sequence);
        }

        return last;
    }

    private static object CountAll(DifferentialStore s) =>
        new[] { s.Accounts.Count(), s.Notes.Count(), s.Devices.Count(), s.Files.Count(), s.Drafts.Count(), s.Config.Count(), s.Ledger.Count(), s.Events.Count(), s.Presence.Count(), s.Pings.Count(), s.Tickets.Count(), s.Readings.Count(), s.KeyZoo.Count(), s.Rooms.Count() };

    private static object CountAll(DifferentialStoreSnapshot n) =>
        new[] { n.Accounts.Count(), n.Notes.Count(), n.Devices.Count(), n.Files.Count(), n.Drafts.Count(), n.Config.Count(), n.Ledger.Count(), n.Events.Count(), n.Presence.Count(), n.Pings.Count(), n.Tickets.Count(), n.Readings.Count(), n.KeyZoo.Count(), n.Rooms.Count() };
}
