using System.Globalization;

namespace TypedStore.Etcd.Internal;

/// <summary>Messages with numbers in the invariant culture.</summary>
internal static class Invariant
{
    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
