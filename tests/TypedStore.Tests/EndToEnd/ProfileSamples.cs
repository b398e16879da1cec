namespace TypedStore.Tests.EndToEnd;

/// <summary>Profiles exercising every value shape, and a deep comparison (records compare collections by reference).</summary>
internal static class ProfileSamples
{
    public static Profile Full() => new(
        Guid.CreateVersion7(),
        new Address("London", "N1"),
        new Address("Paris", null),
        [new Address("Rome", "00100"), new Address("Oslo", null)],
        new Dictionary<string, List<int>> { ["maths"] = [90, 85], ["empty"] = [] },
        Age: 37,
        Nickname: "ada",
        Matrix: [[1, 2, 3], [], [-4]],
        Tags: ["a", "b", "\u00e9\u0000x"],
        Mood: Mood.Sad,
        LastMood: Mood.Happy,
        Balance: -12345.6789m,
        Joined: new DateTimeOffset(2020, 2, 29, 23, 59, 59, TimeSpan.FromHours(5.5)),
        Birthday: new DateOnly(1815, 12, 10),
        WakeUp: new TimeOnly(6, 30, 15),
        Session: TimeSpan.FromMinutes(-90),
        Avatar: [0, 255, 1, 0],
        Initial: '\u00c5',
        Tree: new TreeNode("root", [new TreeNode("left", []), new TreeNode("right", [new TreeNode("leaf", [])])]),
        Location: new Point { X = -3, Y = 7 },
        Target: new Point { X = 1, Y = 1 },
        Aliases: ["A. L.", "Countess"],
        Ratio: float.NaN,
        LastSeen: new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local));

    public static Profile Sparse() => new(
        Guid.Empty,
        new Address("", null),
        Work: null,
        Previous: [],
        Scores: [],
        Age: null,
        Nickname: null,
        Matrix: [],
        Tags: [],
        Mood: Mood.Calm,
        LastMood: null,
        Balance: 0m,
        Joined: DateTimeOffset.MinValue,
        Birthday: DateOnly.MinValue,
        WakeUp: TimeOnly.MinValue,
        Session: TimeSpan.Zero,
        Avatar: [],
        Initial: '\0',
        Tree: new TreeNode("alone", []),
        Location: default,
        Target: null,
        Aliases: [],
        Ratio: -0.5f,
        LastSeen: new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified));

    public static void AssertEquivalent(Profile expected, Profile actual)
    {
        Assert.Equal(expected.ProfileId, actual.ProfileId);
        Assert.Equal(expected.Home, actual.Home);
        Assert.Equal(expected.Work, actual.Work);
        Assert.Equal(expected.Previous, actual.Previous);
        Assert.Equal(expected.Scores.Keys.Order(), actual.Scores.Keys.Order());
        foreach ((string subject, List<int> scores) in expected.Scores)
        {
            Assert.Equal(scores, actual.Scores[subject]);
        }

        Assert.Equal(expected.Age, actual.Age);
        Assert.Equal(expected.Nickname, actual.Nickname);
        Assert.Equal(expected.Matrix.Length, actual.Matrix.Length);
        for (int i = 0; i < expected.Matrix.Length; i++)
        {
            Assert.Equal(expected.Matrix[i], actual.Matrix[i]);
        }

        Assert.True(expected.Tags.SetEquals(actual.Tags));
        Assert.Equal(expected.Mood, actual.Mood);
        Assert.Equal(expected.LastMood, actual.LastMood);
        Assert.Equal(expected.Balance, actual.Balance);
        Assert.Equal(expected.Joined, actual.Joined);
        Assert.Equal(expected.Joined.Offset, actual.Joined.Offset);
        Assert.Equal(expected.Birthday, actual.Birthday);
        Assert.Equal(expected.WakeUp, actual.WakeUp);
        Assert.Equal(expected.Session, actual.Session);
        Assert.Equal(expected.Avatar, actual.Avatar);
        Assert.Equal(expected.Initial, actual.Initial);
        AssertSameTree(expected.Tree, actual.Tree);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Aliases, actual.Aliases);
        Assert.Equal(expected.Ratio, actual.Ratio);
        Assert.Equal(expected.LastSeen, actual.LastSeen);
        Assert.Equal(expected.LastSeen.Kind, actual.LastSeen.Kind);
    }

    private static void AssertSameTree(TreeNode expected, TreeNode actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (int i = 0; i < expected.Children.Count; i++)
        {
            AssertSameTree(expected.Children[i], actual.Children[i]);
        }
    }
}
