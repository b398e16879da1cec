using System.Collections.Generic;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// What a Stream table's key needs for time-ordered ids (Append, range eviction): an ascending long part marked
/// <c>[Key(Generated = true)]</c>. Without one the table still works (rows age by <c>_updated</c>), so the
/// finding is a warning, TS0020, and Append is simply not generated.
/// </summary>
internal static class StreamKeyRules
{
    /// <summary>Adds TS0020 to <paramref name="diagnostics"/> when a stream table's <paramref name="keys"/> have no time-ordered part.</summary>
    public static void Check(List<KeyPartModel> keys, string typeDisplay, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (GetProblem(keys) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StreamWithoutTimeOrderedKey, location, typeDisplay, problem));
        }
    }

    // A generated part that is not a long, or several generated parts, are errors of their own (TS0014, TS0015:
    // generated ids); this rule only adds what a stream needs beyond them.
    private static string? GetProblem(List<KeyPartModel> keys)
    {
        foreach (KeyPartModel part in keys)
        {
            if (part.Generated)
            {
                return part.Descending
                    ? $"its generated key part '{part.MemberName}' is descending, and eviction needs ids in ascending time order"
                    : null;
            }
        }

        return "no key part is marked [Key(Generated = true)]";
    }
}
