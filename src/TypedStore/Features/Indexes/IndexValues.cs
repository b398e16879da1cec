using System.Globalization;

namespace TypedStore.Features.Indexes;

/// <summary>Renders indexed values for messages (a unique violation names the value), without reflection.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class IndexValues
{
    /// <summary>One value: <c>null</c>, a string in quotes, a byte array in hex, anything else invariantly formatted.</summary>
    public static string Format<T>(T value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
