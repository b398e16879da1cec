using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>A span marked in test source: where a diagnostic is expected.</summary>
/// <param name="Id">The diagnostic id written in the marker (<c>{|TS0001:…|}</c>), or <see langword="null"/> for <c>[|…|]</c>.</param>
/// <param name="Span">The marked text's span in the source with every marker removed.</param>
/// <param name="LineSpan">The same span as zero-based lines and columns.</param>
internal sealed record MarkedSpan(string? Id, TextSpan Span, LinePositionSpan LineSpan);
