using System.Text;

namespace TypedStore.Generators.Emitting;

/// <summary>Writes C# source line by line with four-space indentation and braces that open and close blocks.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    public void Line() => _builder.Append('\n');

    public void Open(string header)
    {
        Line(header);
        Open();
    }

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    /// <summary>Writes an XML doc summary.</summary>
    public void Summary(string text) => Line("/// <summary>" + text + "</summary>");

    public override string ToString() => _builder.ToString();
}
