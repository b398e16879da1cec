namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// User ids chosen to break a naive "user:row" or prefix-of-string layout: ids that are prefixes of each other
/// ("a" / "a:x" / "a\0" / "a\0x", "u1" / "u10" / "u1\0"), the empty id, ids holding the bytes the key encoding
/// escapes or terminates with (0x00, 0x01, 0xFF in UTF-8 "\u00FF" / "\uFFFF"), and non-ASCII ids that share UTF-8
/// lead bytes ("é" precomposed vs "e" + combining accent, "日本" vs "日").
/// </summary>
internal static class UserIds
{
    public static readonly string[] Adversarial =
    [
        "a",
        "a:x",
        "a\0",
        "a\0x",
        "a\0\u0001",
        "",
        "\0",
        "u1",
        "u10",
        "u1\0",
        "u1:",
        "\u00E9",
        "e\u0301",
        "\u65E5",
        "\u65E5\u672C",
        "a\u00FF",
        "\uFFFF",
    ];

    /// <summary>How many rows user number <paramref name="index"/> gets: all different, so counts cannot match by accident.</summary>
    public static int RowsOf(int index) => index + 1;
}
