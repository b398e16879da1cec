using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Test source with the spans where diagnostics are expected marked in place: <c>{|TS0001:text|}</c> expects
/// TS0001 exactly on <c>text</c>, <c>[|text|]</c> expects the test's own id there. Markers may nest.
/// </summary>
internal sealed class MarkedSource
{
    private MarkedSource(string text, ImmutableArray<MarkedSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    /// <summary>The source with every marker removed: what the compiler sees.</summary>
    public string Text { get; }

    /// <summary>The marked spans, in the order their markers open.</summary>
    public ImmutableArray<MarkedSpan> Spans { get; }

    /// <summary>Removes the markers from <paramref name="marked"/> and records the spans they enclosed.</summary>
    /// <exception cref="FormatException">A marker is not closed, closed twice, closed by the other kind of marker, or has an empty id.</exception>
    public static MarkedSource Parse(string marked)
    {
        StringBuilder text = new(marked.Length);
        Stack<(int Start, string? Id, char Closer, int MarkerIndex)> open = new();
        List<(int Start, int End, string? Id, int OpenedAt)> closed = [];
        for (int i = 0; i < marked.Length; i++)
        {
            if (StartsWith(marked, i, "[|"))
            {
                open.Push((text.Length, null, ']', i));
                i++;
            }
            else if (StartsWith(marked, i, "{|"))
            {
                int colon = marked.IndexOf(':', i + 2);
                string id = colon < 0 ? string.Empty : marked[(i + 2)..colon];
                if (id.Length == 0 || !id.All(char.IsLetterOrDigit))
                {
                    throw new FormatException($"The marker at index {i} needs an id: {{|TS0001:marked text|}}.");
                }

                open.Push((text.Length, id, '}', i));
                i = colon;
            }
            else if (StartsWith(marked, i, "|]") || StartsWith(marked, i, "|}"))
            {
                char closer = marked[i + 1];
                if (open.Count == 0 || open.Peek().Closer != closer)
                {
                    throw new FormatException($"The marker closed at index {i} by '|{closer}' was not opened (or was opened by the other kind of marker).");
                }

                (int start, string? id, char _, int markerIndex) = open.Pop();
                closed.Add((start, text.Length, id, markerIndex));
                i++;
            }
            else
            {
                text.Append(marked[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"The marker opened at index {open.Peek().MarkerIndex} is not closed.");
        }

        string source = text.ToString();
        SourceText sourceText = SourceText.From(source);
        ImmutableArray<MarkedSpan> spans = closed
            .OrderBy(span => span.OpenedAt)
            .Select(span =>
            {
                TextSpan textSpan = TextSpan.FromBounds(span.Start, span.End);
                return new MarkedSpan(span.Id, textSpan, sourceText.Lines.GetLinePositionSpan(textSpan));
            })
            .ToImmutableArray();
        return new MarkedSource(source, spans);
    }

    private static bool StartsWith(string text, int index, string value) => string.CompareOrdinal(text, index, value, 0, value.Length) == 0;
}
