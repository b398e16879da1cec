using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Data;

/// <summary>Deterministic benchmark rows: the same seed gives the same rows in every process and contender.</summary>
internal static class RowFactory
{
    /// <summary>Payload length in characters; with the other members the encoded value is about 100 bytes.</summary>
    public const int PayloadLength = 70;

    private const string PayloadAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The id of event <paramref name="index"/>: 16 characters, so ids sort like their indexes.</summary>
    public static string EventId(int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"evt-{index:D12}");

    /// <summary>The id of user <paramref name="user"/>; ids sort like their indexes.</summary>
    public static string UserId(int user) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"user-{user:D6}");

    /// <summary>Events 0 .. <paramref name="count"/>-1, in key order.</summary>
    public static Event[] CreateEvents(int count)
    {
        var random = new Random(BenchSettings.Seed);
        var rows = new Event[count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Event(EventId(i), i, CreatePayload(random), Epoch.AddSeconds(i));
        }

        return rows;
    }

    /// <summary><paramref name="rowsPerUser"/> rows for each of <paramref name="users"/> users, in key order.</summary>
    public static UserEvent[] CreateUserEvents(int users, int rowsPerUser)
    {
        var random = new Random(BenchSettings.Seed + 1);
        var rows = new UserEvent[users * rowsPerUser];
        for (int user = 0; user < users; user++)
        {
            string userId = UserId(user);
            for (int sequence = 0; sequence < rowsPerUser; sequence++)
            {
                int index = (user * rowsPerUser) + sequence;
                rows[index] = new UserEvent(userId, sequence, CreatePayload(random), Epoch.AddSeconds(index));
            }
        }

        return rows;
    }

    /// <summary>A pseudo-random permutation of 0 .. <paramref name="count"/>-1 (Fisher-Yates with <paramref name="seed"/>).</summary>
    public static int[] Shuffled(int count, int seed)
    {
        var order = new int[count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        return order;
    }

    private static string CreatePayload(Random random)
        => string.Create(PayloadLength, random, static (span, rng) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = PayloadAlphabet[rng.Next(PayloadAlphabet.Length)];
            }
        });
}
