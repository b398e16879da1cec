using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>The marker parser the diagnostic tests rely on: spans and positions are those of the marker-free text.</summary>
public class MarkedSourceTests
{
    [Fact]
    public void IdMarker_IsRemoved_AndItsSpanAndPositionRecorded()
    {
        MarkedSource source = MarkedSource.Parse("class C\n{\n    int {|TS0002:Id|};\n}");

        Assert.Equal("class C\n{\n    int Id;\n}", source.Text);
        MarkedSpan span = Assert.Single(source.Spans);
        Assert.Equal("TS0002", span.Id);
        Assert.Equal("Id", source.Text.Substring(span.Span.Start, span.Span.Length));
        Assert.Equal(new LinePositionSpan(new LinePosition(2, 8), new LinePosition(2, 10)), span.LineSpan);
    }

    [Fact]
    public void PlainMarker_HasNoId()
    {
        MarkedSource source = MarkedSource.Parse("[[|Table(\"x\")|]]");

        Assert.Equal("[Table(\"x\")]", source.Text);
        MarkedSpan span = Assert.Single(source.Spans);
        Assert.Null(span.Id);
        Assert.Equal(TextSpan.FromBounds(1, 11), span.Span);
    }

    [Fact]
    public void Markers_NestAndFollowEachOther_InOpeningOrder()
    {
        MarkedSource source = MarkedSource.Parse("{|A1:x [|y|]|} {|B2:z|}");

        Assert.Equal("x y z", source.Text);
        Assert.Equal(
            [("A1", TextSpan.FromBounds(0, 3)), (null, TextSpan.FromBounds(2, 3)), ("B2", TextSpan.FromBounds(4, 5))],
            source.Spans.Select(span => (span.Id, span.Span)));
    }

    [Theory]
    [InlineData("{|TS0001:never closed")]
    [InlineData("closed |] without opening")]
    [InlineData("{|TS0001:closed by the other kind|]")]
    [InlineData("{|:no id|}")]
    public void MalformedMarkers_AreRejected(string marked)
    {
        Assert.Throws<FormatException>(() => MarkedSource.Parse(marked));
    }
}
