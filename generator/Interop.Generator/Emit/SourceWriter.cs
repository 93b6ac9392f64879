using System.Text;

namespace Interop.Generator.Emit;

/// <summary>An indented text builder with '\n' line endings, so output is identical on every OS.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4);
        }

        _sb.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Writes a header comment as XML documentation (<see cref="DocComment"/>): a summary, params for <paramref name="parameterNames"/>.</summary>
    public SourceWriter Doc(string? doc, IEnumerable<string>? parameterNames = null, string? fallbackSummaryXml = null)
    {
        DocComment.Write(this, doc, parameterNames, fallbackSummaryXml);
        return this;
    }

    public override string ToString() => _sb.ToString();
}
