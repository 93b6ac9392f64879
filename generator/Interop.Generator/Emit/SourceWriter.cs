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

    /// <summary>Writes a C doc comment as an XML <c>summary</c>, escaped, one line per source line.</summary>
    public SourceWriter Doc(string? doc)
    {
        if (string.IsNullOrWhiteSpace(doc))
        {
            return this;
        }

        Line("/// <summary>");
        foreach (var line in doc!.Split('\n'))
        {
            Line("/// " + Escape(line.TrimEnd()));
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _sb.ToString();

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
