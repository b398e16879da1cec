using System.Globalization;

namespace TypedStore.Tool.Tests;

/// <summary>Deterministic rows for <see cref="SampleStore"/>: fixed seeds, so failures reproduce.</summary>
internal static class SampleData
{
    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static List<Person> People(int count)
    {
        Random random = new(7);
        List<Person> people = new(count);
        for (int i = 0; i < count; i++)
        {
            byte[] id = new byte[16];
            random.NextBytes(id);
            people.Add(new Person(
                new Guid(id),
                $"Person {i} ü",
                $"p{i}@example.com",
                random.Next(0, 100),
                Math.Round((decimal)random.NextDouble() * 10_000m, 2),
                new Address($"City {i % 7}", (10_000 + i).ToString(CultureInfo.InvariantCulture)),
                [.. Enumerable.Range(0, i % 4).Select(t => $"tag{t}")],
                Epoch.AddDays(-random.Next(0, 20_000)),
                i % 3 == 0 ? null : DateOnly.FromDateTime(Epoch.AddDays(-i)),
                random.NextDouble()));
        }

        return people;
    }

    public static List<Note> Notes(int users, int perUser)
    {
        List<Note> notes = [];
        for (int u = 0; u < users; u++)
        {
            for (int n = 0; n < perUser; n++)
            {
                notes.Add(new Note($"user/{u}", n, $"note {n} of user {u}", new DateTimeOffset(Epoch.AddMinutes(n)).ToOffset(TimeSpan.FromHours(2)), [(byte)u, (byte)n, 0xFF], n % 2 == 0));
            }
        }

        return notes;
    }

    /// <summary>A store with people (some soft-deleted), notes of three users and a few tickets.</summary>
    public static void Fill(SampleStore store, int people = 40)
    {
        List<Person> rows = People(people);
        store.People.PutMany(rows);
        store.People.Delete(rows[1].Id);
        store.People.Delete(rows[5].Id);
        store.Notes.PutMany(Notes(users: 3, perUser: 5));
        for (int i = 0; i < 4; i++)
        {
            store.Tickets.Insert(new Ticket(0, $"ticket {i}"));
        }
    }
}
