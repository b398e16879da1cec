using System.Globalization;
using TypedStore.Tests.EndToEnd;
using LedgerEntry = TypedStore.Tests.Lifecycle.LedgerEntry;
using Ping = TypedStore.Tests.Lifecycle.Ping;
using Presence = TypedStore.Tests.Lifecycle.Presence;
using StreamEvent = TypedStore.Tests.Lifecycle.StreamEvent;
using Ticket = TypedStore.Tests.Lifecycle.Ticket;
using static TypedStore.Tests.Reliability.Differential.DifferentialValues;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// The random operations of the differential run, drawn from one step's <see cref="Random"/>: writes and reads of
/// every table of <see cref="DifferentialStore"/> through its generated API, and inputs the store must refuse. Keys
/// come from <see cref="DifferentialValues"/>; rows whose keys the store chooses (Insert, Append) are reached by
/// reading the store first (its first or last row), on each engine, so a disagreement there shows up too.
/// </summary>
internal sealed class DifferentialVocabulary(Random random)
{
    /// <summary>
    /// The change-feed sequence both engines agreed on at the last full comparison: feed reads start after it, so
    /// they stay short however long the run is.
    /// </summary>
    public long FeedCheckpoint { get; set; }

    /// <summary>A write to a random table. <paramref name="inBatch"/>: only writes that batches have.</summary>
    public WriteOperation Write(bool inBatch)
    {
        while (true)
        {
            int table = _narrowOffset == 0 ? random.Next(15) : _narrowTables[random.Next(2)];
            WriteOperation operation = table switch
            {
                0 => AccountWrite(),
                1 => NoteWrite(),
                2 => DeviceWrite(),
                3 => FileWrite(),
                4 or 5 => DraftWrite(),
                6 => random.Next(4) == 0 ? ConfigWrite() : LedgerWrite(),
                7 => EventWrite(),
                8 => PresenceWrite(),
                9 => PingWrite(),
                10 or 11 => TicketWrite(),
                12 => ReadingWrite(),
                13 => ZooWrite(),
                _ => RoomWrite(),
            };

            if (!inBatch || operation.OnBatch is not null)
            {
                return operation;
            }
        }
    }

    /// <summary>A read of a random table, by key, by prefix or user, whole, counted, or from a change feed.</summary>
    public ReadOperation Read() => random.Next(14) switch
    {
        0 => AccountRead(),
        1 => NoteRead(),
        2 => DeviceRead(),
        3 => FileRead(),
        4 or 5 => DraftRead(),
        6 => LedgerRead(),
        7 => EventRead(),
        8 => PresenceRead(),
        9 => PingRead(),
        10 => TicketRead(),
        11 => ReadingRead(),
        12 => ZooRead(),
        _ => RoomRead(),
    };

    /// <summary>A lazy scan of a random table, for enumerating around a write.</summary>
    public (string Description, Func<DifferentialStore, IEnumerable<object?>> Scan) LazyScan()
    {
        bool reverse = random.Next(2) == 0;
        string user = Pick(UserIds);
        return random.Next(6) switch
        {
            0 => ($"accounts.ScanAll({reverse})", s => s.Accounts.ScanAll(reverse)),
            1 => ($"notes.ScanUser({Show(user)})", s => s.Notes.ScanUser(user)),
            2 => ($"drafts.ScanAll({reverse}, includeDeleted)", s => s.Drafts.ScanAll(reverse, includeDeleted: true)),
            3 => ($"drafts.ScanAllEntries({reverse})", s => s.Drafts.ScanAllEntries(reverse).Cast<object?>()),
            4 => ($"tickets.ScanAll({reverse})", s => s.Tickets.ScanAll(reverse)),
            _ => ($"events.ScanAll({reverse})", s => s.Events.ScanAll(reverse)),
        };
    }

    /// <summary>
    /// An input the store must refuse before writing anything (null rows and key parts, keys over the length limit,
    /// an Unspecified DateTime key), as a direct call: both engines must throw the same exception.
    /// </summary>
    public WriteOperation Refused()
    {
        string tooLong = new('k', 9000);
        Note[] poisoned = [new("u1", 100, "fine"), new(null!, 1, "null key"), new("u2", 100, "fine")];
        DateTime unspecified = DateTime.SpecifyKind(T0, DateTimeKind.Unspecified);
        return random.Next(22) switch
        {
            0 => Void("accounts.Put(null row)", s => s.Accounts.Put(null!)),
            1 => Void("accounts.Put(null key)", s => s.Accounts.Put(new Account(null!, 1, null))),
            2 => Value("accounts.Get(null)", s => s.Accounts.Get(null!)),
            3 => Void("accounts.Delete(9000 chars)", s => s.Accounts.Delete(tooLong)),
            4 => Void("notes.Put(9000-char user)", s => s.Notes.Put(new Note(tooLong, 1, "x"))),
            5 => Void("notes.PutMany(a null key in the middle)", s => s.Notes.PutMany(poisoned)),
            6 => Void("notes.PutMany(null)", s => s.Notes.PutMany(null!)),
            7 => Void("notes.PutMany(a null row)", s => s.Notes.PutMany([new Note("u1", 3, "x"), null!])),
            8 => Void("notes.DeleteUser(null)", s => s.Notes.DeleteUser(null!)),
            9 => Value("notes.ScanUser(null)", s => s.Notes.ScanUser(null!)),
            10 => Value("notes.CountUser(9000 chars)", s => s.Notes.CountUser(tooLong)),
            11 => Void("files.Put(null owner)", s => s.Files.Put(new FileEntry(null!, 1, "x"))),
            12 => Value("files.Scan(null)", s => s.Files.Scan(null!)),
            13 => Void("drafts.Restore(null user)", s => s.Drafts.Restore(null!, 1)),
            14 => Void("drafts.Purge(9000-char user)", s => s.Drafts.Purge(tooLong, 1)),
            15 => Value("drafts.ReadChanges(null user)", s => s.Drafts.ReadChanges(null!, 0)),
            16 => Value("events.Append(null)", s => s.Events.Append(null!)),
            17 => Value("presence.Append(null user)", s => s.Presence.Append(new Presence(null!, 0, "x"))),
            18 => Value("tickets.Insert(null)", s => s.Tickets.Insert(null!)),
            19 => Void("readings.Put(Unspecified time)", s => s.Readings.Put(new Reading("north", 1, unspecified, 1))),
            20 => Value("readings.Get(Unspecified time)", s => s.Readings.Get("north", 1, unspecified)),
            _ => Void("key_zoo.Put(null byte[] part)", s => s.KeyZoo.Put(Zoo[0] with { Raw = null! })),
        };
    }

    /// <summary>PurgeDeleted of a soft-delete table with a cutoff up to ten seconds back (a store-only write).</summary>
    public WriteOperation PurgeDeleted(DateTimeOffset now)
    {
        DateTimeOffset olderThan = now - TimeSpan.FromMilliseconds(random.Next(0, 10_000));
        string at = olderThan.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return random.Next(2) == 0
            ? Value($"drafts.PurgeDeleted({at})", s => s.Drafts.PurgeDeleted(olderThan))
            : Value($"tickets.PurgeDeleted({at})", s => s.Tickets.PurgeDeleted(olderThan));
    }

    /// <summary>EvictExpired of a stream table (a store-only write).</summary>
    public WriteOperation Evict() => random.Next(3) switch
    {
        0 => Void("events.EvictExpired()", s => s.Events.EvictExpired()),
        1 => Void("presence.EvictExpired()", s => s.Presence.EvictExpired()),
        _ => Void("pings.EvictExpired()", s => s.Pings.EvictExpired()),
    };

    private WriteOperation AccountWrite()
    {
        string id = Pick(AccountIds);
        switch (random.Next(5))
        {
            case 0:
                return Both($"accounts.Delete({Show(id)})", s => s.Accounts.Delete(id), b => b.Accounts.Delete(id));
            case 1:
            {
                Account[] rows = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => new Account(Pick(AccountIds), random.NextInt64(long.MinValue, long.MaxValue), Text()))];
                return Both($"accounts.PutMany({rows.Length} rows)", s => s.Accounts.PutMany(rows), b => b.Accounts.PutMany(rows));
            }

            default:
            {
                var row = new Account(id, random.Next(3) == 0 ? long.MinValue : random.NextInt64(), random.Next(4) == 0 ? null : Text());
                return Both($"accounts.Put({Show(id)})", s => s.Accounts.Put(row), b => b.Accounts.Put(row));
            }
        }
    }

    private WriteOperation NoteWrite()
    {
        string user = Pick(UserIds);
        long noteId = Pick(NoteIds);
        switch (random.Next(6))
        {
            case 0:
                return Both($"notes.Delete({Show(user)}, {noteId})", s => s.Notes.Delete(user, noteId), b => b.Notes.Delete(user, noteId));
            case 1:
                return Both($"notes.DeleteUser({Show(user)})", s => s.Notes.DeleteUser(user), b => b.Notes.DeleteUser(user));
            case 2:
            {
                // Keys may repeat inside one PutMany: the last row of a key wins.
                Note[] rows = [.. Enumerable.Range(0, random.Next(1, 7)).Select(_ => new Note(Pick(UserIds), Pick(NoteIds), Text()))];
                return Both($"notes.PutMany({rows.Length} rows)", s => s.Notes.PutMany(rows), b => b.Notes.PutMany(rows));
            }

            default:
            {
                var row = new Note(user, noteId, Text());
                return Both($"notes.Put({Show(user)}, {noteId})", s => s.Notes.Put(row), b => b.Notes.Put(row));
            }
        }
    }

    private WriteOperation DeviceWrite()
    {
        Guid owner = Pick(Guids);
        int seq = Pick(Seqs);
        return random.Next(5) switch
        {
            0 => Both($"devices.Delete({owner}, {seq})", s => s.Devices.Delete(owner, seq), b => b.Devices.Delete(owner, seq)),
            1 => Both($"devices.DeleteUser({owner})", s => s.Devices.DeleteUser(owner), b => b.Devices.DeleteUser(owner)),
            _ => PutDevice(new Device(owner, seq, Text())),
        };
    }

    private static WriteOperation PutDevice(Device row) => Both($"devices.Put({row.OwnerId}, {row.Seq})", s => s.Devices.Put(row), b => b.Devices.Put(row));

    private WriteOperation FileWrite()
    {
        byte[] owner = Pick(FileOwners);
        int seq = Pick(Seqs);
        switch (random.Next(5))
        {
            case 0:
                return Both($"files.Delete({Convert.ToHexString(owner)}, {seq})", s => s.Files.Delete(owner, seq), b => b.Files.Delete(owner, seq));
            case 1:
            {
                FileEntry[] rows = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => new FileEntry([.. Pick(FileOwners)], Pick(Seqs), Text()))];
                return Both($"files.PutMany({rows.Length} rows)", s => s.Files.PutMany(rows), b => b.Files.PutMany(rows));
            }

            default:
            {
                // A fresh copy of the id: the store must not depend on the caller's array identity.
                var row = new FileEntry([.. owner], seq, Text());
                return Both($"files.Put({Convert.ToHexString(owner)}, {seq})", s => s.Files.Put(row), b => b.Files.Put(row));
            }
        }
    }

    private WriteOperation DraftWrite()
    {
        string user = Pick(UserIds);
        int draftId = Pick(Seqs);
        string key = $"{Show(user)}, {draftId}";
        switch (random.Next(9))
        {
            case 0:
            case 1:
                return Both($"drafts.Delete({key})", s => s.Drafts.Delete(user, draftId), b => b.Drafts.Delete(user, draftId));
            case 2:
                return Both($"drafts.Restore({key})", s => s.Drafts.Restore(user, draftId), b => b.Drafts.Restore(user, draftId));
            case 3:
                return Both($"drafts.Purge({key})", s => s.Drafts.Purge(user, draftId), b => b.Drafts.Purge(user, draftId));
            case 4:
                return Both($"drafts.DeleteUser({Show(user)})", s => s.Drafts.DeleteUser(user), b => b.Drafts.DeleteUser(user));
            case 5:
            {
                Draft[] rows = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => new Draft(Pick(UserIds), Pick(Seqs), Text()))];
                return Both($"drafts.PutMany({rows.Length} rows)", s => s.Drafts.PutMany(rows), b => b.Drafts.PutMany(rows));
            }

            default:
            {
                var row = new Draft(user, draftId, Text());
                return Both($"drafts.Put({key})", s => s.Drafts.Put(row), b => b.Drafts.Put(row));
            }
        }
    }

    private WriteOperation ConfigWrite()
    {
        string name = Pick(ConfigNames);
        var row = new ConfigEntry(name, Text());
        return random.Next(3) == 0
            ? Both($"config.Delete({Show(name)})", s => s.Config.Delete(name), b => b.Config.Delete(name))
            : Both($"config.Put({Show(name)})", s => s.Config.Put(row), b => b.Config.Put(row));
    }

    private WriteOperation LedgerWrite()
    {
        Guid account = Pick(Guids);
        int line = Pick(Seqs);
        switch (random.Next(4))
        {
            case 0:
                return Both($"ledger.Delete({account}, {line})", s => s.Ledger.Delete(account, line), b => b.Ledger.Delete(account, line));
            case 1:
            {
                LedgerEntry[] rows = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new LedgerEntry(Pick(Guids), Pick(Seqs), Pick(Amounts)))];
                return Both($"ledger.PutMany({rows.Length} rows)", s => s.Ledger.PutMany(rows), b => b.Ledger.PutMany(rows));
            }

            default:
            {
                var row = new LedgerEntry(account, line, Pick(Amounts));
                return Both($"ledger.Put({account}, {line}, {row.Amount})", s => s.Ledger.Put(row), b => b.Ledger.Put(row));
            }
        }
    }

    private WriteOperation EventWrite()
    {
        string payload = Text();
        switch (random.Next(6))
        {
            case 0:
            {
                long seq = Pick(StreamSeqs);
                var row = new StreamEvent(seq, payload);
                return Both($"events.Put({seq}) (an instant long past)", s => s.Events.Put(row), b => b.Events.Put(row));
            }

            case 1:
                return new("events.Delete(the first live row)", s => DeleteFirstEvent(s, null), (s, b) => DeleteFirstEvent(s, b));
            default:
            {
                var row = new StreamEvent(0, payload);
                return new($"events.Append({payload})", s => s.Events.Append(row), (_, b) => b.Events.Append(row));
            }
        }
    }

    private static StreamEvent? DeleteFirstEvent(DifferentialStore store, DifferentialStoreBatch? batch)
    {
        StreamEvent? first = store.Events.ScanAll().FirstOrDefault();
        if (first is not null)
        {
            if (batch is null)
            {
                store.Events.Delete(first.Seq);
            }
            else
            {
                batch.Events.Delete(first.Seq);
            }
        }

        return first;
    }

    private WriteOperation PresenceWrite()
    {
        string user = Pick(UserIds);
        string status = Text();
        switch (random.Next(6))
        {
            case 0:
            {
                long seq = Pick(StreamSeqs);
                var row = new Presence(user, seq, status);
                return Both($"presence.Put({Show(user)}, {seq}) (an instant long past)", s => s.Presence.Put(row), b => b.Presence.Put(row));
            }

            case 1:
                return new($"presence.Delete(the last row of {Show(user)})", s => DeleteLastPresence(s, null, user), (s, b) => DeleteLastPresence(s, b, user));
            default:
            {
                var row = new Presence(user, 0, status);
                return new($"presence.Append({Show(user)})", s => s.Presence.Append(row), (_, b) => b.Presence.Append(row));
            }
        }
    }

    private static Presence? DeleteLastPresence(DifferentialStore store, DifferentialStoreBatch? batch, string user)
    {
        Presence? last = store.Presence.Scan(user).LastOrDefault();
        if (last is not null)
        {
            if (batch is null)
            {
                store.Presence.Delete(last.UserId, last.Seq);
            }
            else
            {
                batch.Presence.Delete(last.UserId, last.Seq);
            }
        }

        return last;
    }

    private WriteOperation PingWrite()
    {
        string host = Pick(Hosts);
        var row = new Ping(host, Text());
        return random.Next(3) == 0
            ? Both($"pings.Delete({Show(host)})", s => s.Pings.Delete(host), b => b.Pings.Delete(host))
            : Both($"pings.Put({Show(host)})", s => s.Pings.Put(row), b => b.Pings.Put(row));
    }

    private WriteOperation TicketWrite()
    {
        long id = Pick(TicketIds);
        string title = Text();
        switch (random.Next(9))
        {
            case 0:
            {
                var row = new Ticket(id, title);
                return Both($"tickets.Put({id})", s => s.Tickets.Put(row), b => b.Tickets.Put(row));
            }

            case 1:
                return Both($"tickets.Delete({id})", s => s.Tickets.Delete(id), b => b.Tickets.Delete(id));
            case 2:
                return new("tickets.Delete(the first live ticket)", s => WithFirstTicket(s, t => s.Tickets.Delete(t.Id)), (s, b) => WithFirstTicket(s, t => b.Tickets.Delete(t.Id)));
            case 3:
                return new("tickets.Purge(the first live ticket)", s => WithFirstTicket(s, t => s.Tickets.Purge(t.Id)), (s, b) => WithFirstTicket(s, t => b.Tickets.Purge(t.Id)));
            case 4:
                return new("tickets.Restore(the last deleted ticket)", s => WithLastDeletedTicket(s, id => s.Tickets.Restore(id)), (s, b) => WithLastDeletedTicket(s, id => b.Tickets.Restore(id)));
            case 5:
                return Both($"tickets.Restore({id})", s => s.Tickets.Restore(id), b => b.Tickets.Restore(id));
            case 6:
            {
                Ticket[] rows = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Ticket(Pick(TicketIds), Text()))];
                return Both($"tickets.PutMany({rows.Length} rows)", s => s.Tickets.PutMany(rows), b => b.Tickets.PutMany(rows));
            }

            default:
            {
                var row = new Ticket(0, title);
                return new($"tickets.Insert({title})", s => s.Tickets.Insert(row), (_, b) => b.Tickets.Insert(row));
            }
        }
    }

    private static Ticket? WithFirstTicket(DifferentialStore store, Action<Ticket> write)
    {
        Ticket? first = store.Tickets.ScanAll().FirstOrDefault();
        if (first is not null)
        {
            write(first);
        }

        return first;
    }

    private static object? WithLastDeletedTicket(DifferentialStore store, Action<long> write)
    {
        foreach (var entry in store.Tickets.ScanAllEntries(reverse: true))
        {
            if (entry.IsDeleted)
            {
                write(entry.Row.Id);
                return entry;
            }
        }

        return null;
    }

    private WriteOperation ReadingWrite()
    {
        string site = Pick(Sites);
        int sensor = Pick(Sensors);
        DateTime at = Pick(ReadingTimes);
        string key = $"{Show(site)}, {sensor}, {at:O}";
        if (random.Next(3) == 0)
        {
            return Both($"readings.Delete({key})", s => s.Readings.Delete(site, sensor, at), b => b.Readings.Delete(site, sensor, at));
        }

        var row = new Reading(site, sensor, at, Pick(Doubles));
        return Both($"readings.Put({key}, {row.Value})", s => s.Readings.Put(row), b => b.Readings.Put(row));
    }

    private WriteOperation ZooWrite()
    {
        int index = random.Next(Zoo.Length);
        KeyZoo row = Zoo[index];
        return random.Next(3) == 0
            ? Both($"key_zoo.Delete(zoo[{index}])", s => DeleteZoo(s, row), b => b.KeyZoo.Delete(row.Flag, row.U8, row.I8, row.I16, row.U16, row.I32, row.U32, row.I64, row.U64, row.F32, row.F64, row.When, row.WhenOffset, row.Day, row.Span, row.Mood, row.Raw, row.Id, row.Text))
            : Both($"key_zoo.Put(zoo[{index}])", s => s.KeyZoo.Put(row), b => b.KeyZoo.Put(row));
    }

    private static void DeleteZoo(DifferentialStore s, KeyZoo row)
        => s.KeyZoo.Delete(row.Flag, row.U8, row.I8, row.I16, row.U16, row.I32, row.U32, row.I64, row.U64, row.F32, row.F64, row.When, row.WhenOffset, row.Day, row.Span, row.Mood, row.Raw, row.Id, row.Text);

    private WriteOperation RoomWrite()
    {
        Guid id = Pick(Guids);
        var row = new Room(id, Text(), Pick(MemberLists));
        return random.Next(3) == 0
            ? Both($"rooms.Delete({id})", s => s.Rooms.Delete(id), b => b.Rooms.Delete(id))
            : Both($"rooms.Put({id})", s => s.Rooms.Put(row), b => b.Rooms.Put(row));
    }

    private ReadOperation AccountRead()
    {
        string id = Pick(AccountIds);
        bool reverse = random.Next(2) == 0;
        return random.Next(6) switch
        {
            0 => new($"accounts.Get({Show(id)})", s => s.Accounts.Get(id), n => n.Accounts.Get(id)),
            1 => new($"accounts.TryGet({Show(id)})", s => (s.Accounts.TryGet(id, out Account? row), row), n => (n.Accounts.TryGet(id, out Account? row), row)),
            2 => new($"accounts.Exists({Show(id)})", s => s.Accounts.Exists(id), n => n.Accounts.Exists(id)),
            3 => new($"accounts.GetEntry({Show(id)})", s => s.Accounts.GetEntry(id), n => n.Accounts.GetEntry(id)),
            4 => new($"accounts.ScanAll({reverse})", s => s.Accounts.ScanAll(reverse), n => n.Accounts.ScanAll(reverse)),
            _ => new("accounts.Count()", s => s.Accounts.Count(), n => n.Accounts.Count()),
        };
    }

    private ReadOperation NoteRead()
    {
        string user = Pick(UserIds);
        long noteId = Pick(NoteIds);
        string key = $"{Show(user)}, {noteId}";
        return random.Next(6) switch
        {
            0 => new($"notes.Get({key})", s => s.Notes.Get(user, noteId), n => n.Notes.Get(user, noteId)),
            1 => new($"notes.TryGet({key})", s => (s.Notes.TryGet(user, noteId, out Note? row), row), n => (n.Notes.TryGet(user, noteId, out Note? row), row)),
            2 => new($"notes.Exists({key})", s => s.Notes.Exists(user, noteId), n => n.Notes.Exists(user, noteId)),
            3 => new($"notes.ScanUser({Show(user)})", s => s.Notes.ScanUser(user), n => n.Notes.ScanUser(user)),
            4 => new($"notes.CountUser({Show(user)})", s => s.Notes.CountUser(user), n => n.Notes.CountUser(user)),
            _ => new($"notes.GetEntry({key})", s => s.Notes.GetEntry(user, noteId), n => n.Notes.GetEntry(user, noteId)),
        };
    }

    private ReadOperation DeviceRead()
    {
        Guid owner = Pick(Guids);
        int seq = Pick(Seqs);
        return random.Next(4) switch
        {
            0 => new($"devices.Get({owner}, {seq})", s => s.Devices.Get(owner, seq), n => n.Devices.Get(owner, seq)),
            1 => new($"devices.ScanUser({owner})", s => s.Devices.ScanUser(owner), n => n.Devices.ScanUser(owner)),
            2 => new($"devices.CountUser({owner})", s => s.Devices.CountUser(owner), n => n.Devices.CountUser(owner)),
            _ => new($"devices.Exists({owner}, {seq})", s => s.Devices.Exists(owner, seq), n => n.Devices.Exists(owner, seq)),
        };
    }

    private ReadOperation FileRead()
    {
        byte[] owner = Pick(FileOwners);
        int seq = Pick(Seqs);
        string hex = Convert.ToHexString(owner);
        return random.Next(3) switch
        {
            0 => new($"files.Get({hex}, {seq})", s => s.Files.Get(owner, seq), n => n.Files.Get(owner, seq)),
            1 => new($"files.Scan({hex})", s => s.Files.Scan(owner), n => n.Files.Scan(owner)),
            _ => new($"files.TryGet({hex}, {seq})", s => (s.Files.TryGet(owner, seq, out FileEntry? row), row), n => (n.Files.TryGet(owner, seq, out FileEntry? row), row)),
        };
    }

    private ReadOperation DraftRead()
    {
        string user = Pick(UserIds);
        int draftId = Pick(Seqs);
        string key = $"{Show(user)}, {draftId}";
        bool reverse = random.Next(2) == 0;
        long since = FeedCheckpoint;
        return random.Next(10) switch
        {
            0 => new($"drafts.Get({key})", s => s.Drafts.Get(user, draftId), n => n.Drafts.Get(user, draftId)),
            1 => new($"drafts.Exists({key})", s => s.Drafts.Exists(user, draftId), n => n.Drafts.Exists(user, draftId)),
            2 => new($"drafts.GetEntry({key})", s => s.Drafts.GetEntry(user, draftId), n => n.Drafts.GetEntry(user, draftId)),
            3 => new($"drafts.ScanUser({Show(user)})", s => s.Drafts.ScanUser(user), n => n.Drafts.ScanUser(user)),
            4 => new($"drafts.CountUser({Show(user)})", s => s.Drafts.CountUser(user), n => n.Drafts.CountUser(user)),
            5 => new($"drafts.ScanAll({reverse}, includeDeleted)", s => s.Drafts.ScanAll(reverse, includeDeleted: true), n => n.Drafts.ScanAll(reverse, includeDeleted: true)),
            6 => new($"drafts.ScanAllEntries({reverse})", s => s.Drafts.ScanAllEntries(reverse), n => n.Drafts.ScanAllEntries(reverse)),
            7 => new($"drafts.ReadChanges({since})", s => s.Drafts.ReadChanges(since), n => n.Drafts.ReadChanges(since)),
            8 => new($"drafts.ReadChanges({Show(user)}, {since})", s => s.Drafts.ReadChanges(user, since), n => n.Drafts.ReadChanges(user, since)),
            _ => new("drafts.Count()", s => s.Drafts.Count(), n => n.Drafts.Count()),
        };
    }

    private ReadOperation LedgerRead()
    {
        Guid account = Pick(Guids);
        int line = Pick(Seqs);
        long since = FeedCheckpoint;
        return random.Next(4) switch
        {
            0 => new($"ledger.Get({account}, {line})", s => s.Ledger.Get(account, line), n => n.Ledger.Get(account, line)),
            1 => new($"ledger.Scan({account})", s => s.Ledger.Scan(account), n => n.Ledger.Scan(account)),
            2 => new($"ledger.ReadChanges({since})", s => s.Ledger.ReadChanges(since), n => n.Ledger.ReadChanges(since)),
            _ => new($"ledger.GetEntry({account}, {line})", s => s.Ledger.GetEntry(account, line), n => n.Ledger.GetEntry(account, line)),
        };
    }

    private ReadOperation EventRead()
    {
        long seq = Pick(StreamSeqs);
        bool reverse = random.Next(2) == 0;
        return random.Next(4) switch
        {
            0 => new($"events.ScanAll({reverse})", s => s.Events.ScanAll(reverse), n => n.Events.ScanAll(reverse)),
            1 => new("events.Count()", s => s.Events.Count(), n => n.Events.Count()),
            2 => new($"events.Get({seq})", s => s.Events.Get(seq), n => n.Events.Get(seq)),
            _ => new("events.Get(the last row's seq)", s => GetLastEvent(s), n => n.Events.ScanAll(reverse: true).FirstOrDefault() is { } last ? (last, n.Events.GetEntry(last.Seq)) : null),
        };
    }

    private static object? GetLastEvent(DifferentialStore store)
        => store.Events.ScanAll(reverse: true).FirstOrDefault() is { } last ? (last, store.Events.GetEntry(last.Seq)) : null;

    private ReadOperation PresenceRead()
    {
        string user = Pick(UserIds);
        return random.Next(3) switch
        {
            0 => new($"presence.Scan({Show(user)})", s => s.Presence.Scan(user), n => n.Presence.Scan(user)),
            1 => new("presence.ScanAll(true)", s => s.Presence.ScanAll(reverse: true), n => n.Presence.ScanAll(reverse: true)),
            _ => new("presence.Count()", s => s.Presence.Count(), n => n.Presence.Count()),
        };
    }

    private ReadOperation PingRead()
    {
        string host = Pick(Hosts);
        return random.Next(3) switch
        {
            0 => new($"pings.Get({Show(host)})", s => s.Pings.Get(host), n => n.Pings.Get(host)),
            1 => new($"pings.GetEntry({Show(host)})", s => s.Pings.GetEntry(host), n => n.Pings.GetEntry(host)),
            _ => new("pings.ScanAll()", s => s.Pings.ScanAll(), n => n.Pings.ScanAll()),
        };
    }

    private ReadOperation TicketRead()
    {
        long id = Pick(TicketIds);
        long since = FeedCheckpoint;
        return random.Next(5) switch
        {
            0 => new($"tickets.Get({id})", s => s.Tickets.Get(id), n => n.Tickets.Get(id)),
            1 => new($"tickets.GetEntry({id})", s => s.Tickets.GetEntry(id), n => n.Tickets.GetEntry(id)),
            2 => new("tickets.ScanAllEntries(true)", s => s.Tickets.ScanAllEntries(reverse: true), n => n.Tickets.ScanAllEntries(reverse: true)),
            3 => new($"tickets.ReadChanges({since})", s => s.Tickets.ReadChanges(since), n => n.Tickets.ReadChanges(since)),
            _ => new("tickets.Count()", s => s.Tickets.Count(), n => n.Tickets.Count()),
        };
    }

    private ReadOperation ReadingRead()
    {
        string site = Pick(Sites);
        int sensor = Pick(Sensors);
        DateTime at = Pick(ReadingTimes);
        return random.Next(4) switch
        {
            0 => new($"readings.Get({Show(site)}, {sensor}, {at:O})", s => s.Readings.Get(site, sensor, at), n => n.Readings.Get(site, sensor, at)),
            1 => new($"readings.Scan({Show(site)})", s => s.Readings.Scan(site), n => n.Readings.Scan(site)),
            2 => new($"readings.Scan({Show(site)}, {sensor})", s => s.Readings.Scan(site, sensor), n => n.Readings.Scan(site, sensor)),
            _ => new("readings.ScanAll(true)", s => s.Readings.ScanAll(reverse: true), n => n.Readings.ScanAll(reverse: true)),
        };
    }

    private ReadOperation ZooRead()
    {
        int index = random.Next(Zoo.Length);
        KeyZoo k = Zoo[index];
        return random.Next(5) switch
        {
            0 => new($"key_zoo.Get(zoo[{index}])", s => s.KeyZoo.Get(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id, k.Text), n => n.KeyZoo.Get(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw, k.Id, k.Text)),
            1 => new($"key_zoo.Scan(zoo[{index}].Flag)", s => s.KeyZoo.Scan(k.Flag), n => n.KeyZoo.Scan(k.Flag)),
            2 => new($"key_zoo.Scan(zoo[{index}] to F64)", s => s.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64), n => n.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64)),
            3 => new($"key_zoo.Scan(zoo[{index}] to Raw)", s => s.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw), n => n.KeyZoo.Scan(k.Flag, k.U8, k.I8, k.I16, k.U16, k.I32, k.U32, k.I64, k.U64, k.F32, k.F64, k.When, k.WhenOffset, k.Day, k.Span, k.Mood, k.Raw)),
            _ => new("key_zoo.ScanAll(true)", s => s.KeyZoo.ScanAll(reverse: true), n => n.KeyZoo.ScanAll(reverse: true)),
        };
    }

    private ReadOperation RoomRead()
    {
        Guid id = Pick(Guids);
        return random.Next(2) == 0
            ? new($"rooms.Get({id})", s => s.Rooms.Get(id), n => n.Rooms.Get(id))
            : new("rooms.ScanAll()", s => s.Rooms.ScanAll(), n => n.Rooms.ScanAll());
    }

    private static WriteOperation Both(string description, Action<DifferentialStore> onStore, Action<DifferentialStoreBatch> onBatch)
        => new(description, s =>
        {
            onStore(s);
            return "done";
        }, (_, b) =>
        {
            onBatch(b);
            return "done";
        });

    private static WriteOperation Void(string description, Action<DifferentialStore> onStore)
        => new(description, s =>
        {
            onStore(s);
            return "done";
        }, null);

    private static WriteOperation Value(string description, Func<DifferentialStore, object?> onStore) => new(description, onStore, null);

    /// <summary>
    /// Writes to two tables only, with keys from two neighbouring values of each pool, until <see cref="Widen"/>: the writes of one batch
    /// or one snapshot step then meet each other (a Put then a DeleteUser of the same user, a Delete then a Restore of
    /// the same key), which is where the order of a batch's operations matters.
    /// </summary>
    public void Narrow()
    {
        _narrowOffset = random.Next(1, 1_000);
        _narrowTables = [random.Next(15), random.Next(15)];
    }

    /// <summary>Draws keys from the whole pools again.</summary>
    public void Widen() => _narrowOffset = 0;

    // While narrowed: the two tables writes go to, and where the two values of each pool start.
    private int[] _narrowTables = [];
    private int _narrowOffset;

    private T Pick<T>(T[] values) => _narrowOffset == 0 ? values[random.Next(values.Length)] : values[(_narrowOffset + random.Next(2)) % values.Length];

    private string Text() => random.Next(8) == 0 ? "" : "t" + random.Next(1000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A key part as the step log shows it (control characters and long runs made visible).</summary>
    public static string Show(string? value) => OutcomeText.Of(value);
}
