using System.Diagnostics;
using Spectre.Console;

namespace TypedStore.Cli.Demo;

/// <summary>
/// <c>typedstore demo</c>: writes a chat-like data set through the generated <see cref="ChatStore"/>,
/// reads and scans it back (checking every row), and prints what it measured.
/// </summary>
internal static class DemoCommand
{
    private const int ProgressStep = 1_000;

    public static int Run(DirectoryInfo? path, int rows)
    {
        bool temporary = path is null;
        string directory = path?.FullName ?? Path.Combine(Path.GetTempPath(), "typedstore-demo-" + Guid.NewGuid().ToString("N"));

        // The demo writes its rows into the directory: one that holds another store (or anything) must not receive them.
        if (!temporary && Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Console.Error.WriteLine($"typedstore demo: '{directory}' is not empty (it may hold another store); give a new or empty directory. Nothing was written.");
            return 1;
        }

        try
        {
            var plan = DemoPlan.For(rows);
            AnsiConsole.MarkupLine($"[bold]TypedStore demo[/]: {rows:N0} rows into [blue]{Markup.Escape(directory)}[/]");

            DemoResult result;
            using (var store = ChatStore.Open(directory))
            {
                result = Execute(store, plan);
            }

            // Reopen: everything written must still be there.
            using (var store = ChatStore.Open(directory))
            {
                result = result with { MessagesAfterReopen = store.Messages.Count() };
            }

            Print(result, plan, DirectorySize(directory));
            if (result.Mismatches > 0 || result.MessagesAfterReopen != plan.Messages)
            {
                AnsiConsole.MarkupLine($"[red]FAILED[/]: {result.Mismatches} mismatching rows, {result.MessagesAfterReopen:N0} messages after reopen (expected {plan.Messages:N0}).");
                return 1;
            }

            return 0;
        }
        finally
        {
            if (temporary && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static DemoResult Execute(ChatStore store, DemoPlan plan)
    {
        var result = new DemoResult();
        DateTime start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Guid[] rooms = new Guid[plan.Rooms];
        for (int i = 0; i < rooms.Length; i++)
        {
            rooms[i] = Guid.CreateVersion7(new DateTimeOffset(start.AddMinutes(i)));
        }

        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var writing = progress.AddTask("write", maxValue: plan.Total);
                var stopwatch = Stopwatch.StartNew();

                // Users and rooms are small: one atomic PutMany each (users are System rows, synced once).
                store.Users.PutMany(DemoPlan.UserRows(plan));
                store.Rooms.PutMany(DemoPlan.RoomRows(plan, rooms));
                writing.Increment(plan.Users + plan.Rooms);

                // Messages and typing events go one Put at a time: the hot path users care about.
                for (int i = 0; i < plan.Messages; i++)
                {
                    store.Messages.Put(DemoPlan.Message(plan, i, rooms, start));
                    if (i % ProgressStep == ProgressStep - 1)
                    {
                        writing.Increment(ProgressStep);
                    }
                }

                for (int i = 0; i < plan.TypingEvents; i++)
                {
                    // Append assigns the time-ordered Seq (the 0 here is replaced); reads hide events older than the TTL.
                    store.Typing.Append(new Typing(DemoPlan.UserId(i % plan.Users), 0, rooms[i % rooms.Length]));
                }

                stopwatch.Stop();
                writing.Value = writing.MaxValue;
                result = result with { WriteSeconds = stopwatch.Elapsed.TotalSeconds };

                var reading = progress.AddTask("read", maxValue: plan.Messages);
                stopwatch.Restart();
                int mismatches = 0;
                for (int i = 0; i < plan.Messages; i++)
                {
                    Message expected = DemoPlan.Message(plan, i, rooms, start);
                    Message? actual = store.Messages.Get(expected.UserId, expected.MessageId);
                    if (actual != expected)
                    {
                        mismatches++;
                    }

                    if (i % ProgressStep == ProgressStep - 1)
                    {
                        reading.Increment(ProgressStep);
                    }
                }

                stopwatch.Stop();
                reading.Value = reading.MaxValue;
                result = result with { ReadSeconds = stopwatch.Elapsed.TotalSeconds, Mismatches = mismatches };

                var scanning = progress.AddTask("scan", maxValue: plan.Users);
                stopwatch.Restart();
                long scanned = 0;
                for (int u = 0; u < plan.Users; u++)
                {
                    long previous = long.MinValue;
                    foreach (Message message in store.Messages.ScanUser(DemoPlan.UserId(u)))
                    {
                        // ScanUser must return only this user's rows, in key order.
                        if (message.UserId != DemoPlan.UserId(u) || message.MessageId <= previous)
                        {
                            mismatches++;
                        }

                        previous = message.MessageId;
                        scanned++;
                    }

                    scanning.Increment(1);
                }

                stopwatch.Stop();
                if (scanned != plan.Messages)
                {
                    mismatches++;
                }

                result = result with { ScanSeconds = stopwatch.Elapsed.TotalSeconds, ScannedRows = scanned, Mismatches = mismatches };
            });

        return result with
        {
            UsersCount = store.Users.Count(),
            RoomsCount = store.Rooms.Count(),
            MessagesCount = store.Messages.Count(),
            TypingCount = store.Typing.Count(),
        };
    }

    private static void Print(DemoResult result, DemoPlan plan, long bytesOnDisk)
    {
        var rates = new Table().AddColumns("operation", "rows", "seconds", "rows/s");
        rates.AddRow("write (Put/PutMany)", plan.Total.ToString("N0"), result.WriteSeconds.ToString("F2"), Rate(plan.Total, result.WriteSeconds));
        rates.AddRow("read (Get)", plan.Messages.ToString("N0"), result.ReadSeconds.ToString("F2"), Rate(plan.Messages, result.ReadSeconds));
        rates.AddRow("scan (ScanUser)", result.ScannedRows.ToString("N0"), result.ScanSeconds.ToString("F2"), Rate(result.ScannedRows, result.ScanSeconds));
        AnsiConsole.Write(rates);

        var tables = new Table().AddColumns("table", "kind", "rows");
        tables.AddRow("users", "System", result.UsersCount.ToString("N0"));
        tables.AddRow("rooms", "Shared", result.RoomsCount.ToString("N0"));
        tables.AddRow("messages", "User", result.MessagesCount.ToString("N0"));
        tables.AddRow("typing", "Stream", result.TypingCount.ToString("N0"));
        AnsiConsole.Write(tables);

        AnsiConsole.MarkupLine($"store size on disk: [bold]{bytesOnDisk / 1024.0 / 1024.0:F1} MiB[/]; messages after reopen: {result.MessagesAfterReopen:N0}; mismatches: {result.Mismatches}");
    }

    private static string Rate(long rows, double seconds) => seconds > 0 ? (rows / seconds).ToString("N0") : "-";

    private static long DirectorySize(string directory)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            total += file.Length;
        }

        return total;
    }
}
