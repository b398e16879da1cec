namespace TypedStore.Cli.Demo;

/// <summary>How the demo spreads its rows over the tables, and the rows themselves (deterministic, so reads can be checked).</summary>
internal sealed record DemoPlan(int Users, int Rooms, int Messages, int TypingEvents)
{
    public int Total => Users + Rooms + Messages + TypingEvents;

    public static DemoPlan For(int rows)
    {
        int users = Math.Max(1, rows / 100);
        int rooms = Math.Max(1, rows / 1_000);
        int typing = rows / 20;
        return new DemoPlan(users, rooms, rows - users - rooms - typing, typing);
    }

    public static string UserId(int index) => "user-" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<User> UserRows(DemoPlan plan)
    {
        for (int i = 0; i < plan.Users; i++)
        {
            string id = UserId(i);
            yield return new User(id, "User " + i, id + "@example.com");
        }
    }

    public static IEnumerable<Room> RoomRows(DemoPlan plan, Guid[] ids)
    {
        for (int i = 0; i < plan.Rooms; i++)
        {
            yield return new Room(ids[i], "Room " + i, [UserId(i % plan.Users), UserId((i + 1) % plan.Users)]);
        }
    }

    /// <summary>Message <paramref name="index"/>: users take turns, each user's ids increase.</summary>
    public static Message Message(DemoPlan plan, int index, Guid[] rooms, DateTime start) => new(
        UserId(index % plan.Users),
        index / plan.Users,
        rooms[index % rooms.Length],
        "message " + index,
        start.AddSeconds(index));
}

/// <summary>What the demo measured.</summary>
internal sealed record DemoResult
{
    public double WriteSeconds { get; init; }
    public double ReadSeconds { get; init; }
    public double ScanSeconds { get; init; }
    public long ScannedRows { get; init; }
    public int Mismatches { get; init; }
    public long UsersCount { get; init; }
    public long RoomsCount { get; init; }
    public long MessagesCount { get; init; }
    public long TypingCount { get; init; }
    public long MessagesAfterReopen { get; init; }
}
