using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Data;

/// <summary>The <c>user_events</c> data set, in every form a contender needs, built before any timing.</summary>
internal sealed class UserEventData
{
    private UserEventData(int users, int rowsPerUser, UserEvent[] rows, byte[][] keys, byte[][] values, NaiveUserEvent[] naiveRows)
    {
        Users = users;
        RowsPerUser = rowsPerUser;
        Rows = rows;
        Keys = keys;
        Values = values;
        NaiveRows = naiveRows;
        UserIds = new string[users];
        Prefixes = new byte[users][];
        UpperBounds = new byte[users][];
        for (int user = 0; user < users; user++)
        {
            UserIds[user] = rows[user * rowsPerUser].UserId;
            Prefixes[user] = EncodedKeys.UserPrefix(UserIds[user]);
            UpperBounds[user] = EncodedKeys.PrefixUpperBound(Prefixes[user]);
        }

        RandomUserOrder = RowFactory.Shuffled(users, BenchSettings.Seed + 2);
    }

    /// <summary>Number of users.</summary>
    public int Users { get; }

    /// <summary>Rows each user owns.</summary>
    public int RowsPerUser { get; }

    /// <summary>The rows, in key order (user by user).</summary>
    public UserEvent[] Rows { get; }

    /// <summary>Each row's key, as TypedStore encodes it.</summary>
    public byte[][] Keys { get; }

    /// <summary>Each row's value, as TypedStore stored it.</summary>
    public byte[][] Values { get; }

    /// <summary>The same rows as the naive layer's MessagePack contract.</summary>
    public NaiveUserEvent[] NaiveRows { get; }

    /// <summary>Each user's id.</summary>
    public string[] UserIds { get; }

    /// <summary>Each user's encoded key prefix.</summary>
    public byte[][] Prefixes { get; }

    /// <summary>Each user's exclusive upper key bound.</summary>
    public byte[][] UpperBounds { get; }

    /// <summary>A fixed pseudo-random permutation of the user indexes.</summary>
    public int[] RandomUserOrder { get; }

    /// <summary>Creates <paramref name="rowsPerUser"/> rows for each of <paramref name="users"/> users and encodes them.</summary>
    public static UserEventData Create(int users, int rowsPerUser)
    {
        UserEvent[] rows = RowFactory.CreateUserEvents(users, rowsPerUser);
        var keys = new byte[rows.Length][];
        var naiveRows = new NaiveUserEvent[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            UserEvent row = rows[i];
            keys[i] = EncodedKeys.UserEvent(row.UserId, row.Sequence);
            naiveRows[i] = new NaiveUserEvent(row.UserId, row.Sequence, row.Payload, row.CreatedAt);
        }

        return new UserEventData(users, rowsPerUser, rows, keys, StoredValues.OfUserEvents(rows, keys), naiveRows);
    }
}
