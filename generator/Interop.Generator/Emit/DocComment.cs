using System.Text.RegularExpressions;

namespace Interop.Generator.Emit;

/// <summary>
/// Turns a header comment into XML documentation: Doxygen and javadoc commands (<c>\brief</c>, <c>@param</c>,
/// <c>\return</c>, <c>\code</c>, <c>\note</c>, <c>\c word</c>, ...) become <c>summary</c>, <c>param</c>, <c>returns</c>,
/// <c>code</c>, <c>remarks</c> and <c>c</c>; every other character is escaped exactly once. A <c>param</c> is written
/// only for a parameter the C# member has (else C# warns CS1572); once one is, every parameter gets one (CS1573).
/// Unknown commands keep their text. Every emitter writes docs through here.
/// </summary>
internal static class DocComment
{
    private static readonly Regex Command = new(@"^[\\@]([A-Za-z]+)(?:\[[^\]]*\])?(?:\s+(.*))?$", RegexOptions.CultureInvariant);
    private static readonly Regex CodeWord = new(@"[\\@][cp]\s+([^\s,;:()]+?)(?=[.,;:()]?(?:\s|$))", RegexOptions.CultureInvariant);
    private static readonly Regex EmphasisWord = new(@"[\\@](?:a|b|e|em)\s+(?=\S)", RegexOptions.CultureInvariant);

    // sqlite3 marks each testable statement with a '^' at its start (or "^(" ... ")^"); it means nothing to a reader.
    private static readonly Regex TestableStatementMark = new(@"(^|[\s(])\^(?=[A-Za-z(\[])|(?<=\))\^", RegexOptions.CultureInvariant);

    // sqlite3's index lines for its web documentation: the title stays, the index keys go.
    private const string SqliteTitle = "CAPI3REF:";
    private static readonly string[] SqliteIndexLines = { "KEYWORDS:", "METHOD:", "CONSTRUCTOR:", "DESTRUCTOR:" };

    /// <summary>Writes <paramref name="doc"/> (or, when it has no text, <paramref name="fallbackSummaryXml"/>, already XML).</summary>
    public static void Write(SourceWriter w, string? doc, IEnumerable<string>? parameterNames = null, string? fallbackSummaryXml = null)
    {
        var parsed = string.IsNullOrWhiteSpace(doc) ? new Sections() : Parse(doc!);
        if (parsed.Summary.Count == 0 && fallbackSummaryXml is not null)
        {
            parsed.Summary.Add(fallbackSummaryXml);
        }

        Block(w, "summary", parsed.Summary);
        var names = parameterNames?.ToList() ?? new List<string>();
        var documented = parsed.Parameters.Where(p => names.Contains(p.Name)).ToList();
        if (documented.Count > 0)
        {
            foreach (var name in names)
            {
                var lines = documented.Where(p => p.Name == name).SelectMany(p => p.Lines).ToList();
                Block(w, $"param name=\"{Escape(name)}\"", lines, "param", always: true);
            }
        }

        foreach (var other in parsed.Parameters.Where(p => !names.Contains(p.Name)))
        {
            parsed.Remarks.Add($"<c>{Escape(other.Name)}</c>: {string.Join(" ", other.Lines)}");
        }

        Block(w, "returns", parsed.Returns);
        Block(w, "remarks", parsed.Remarks);
    }

    private static void Block(SourceWriter w, string open, List<string> lines, string? close = null, bool always = false)
    {
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        close ??= open;
        if (lines.Count == 0 && !always)
        {
            return;
        }

        if (lines.Count <= 1 && always)
        {
            w.Line($"/// <{open}>{(lines.Count == 1 ? lines[0] : "")}</{close}>");
            return;
        }

        w.Line($"/// <{open}>");
        foreach (var line in lines)
        {
            w.Line(line.Length == 0 ? "///" : "/// " + line);
        }

        w.Line($"/// </{close}>");
    }

    private static Sections Parse(string doc)
    {
        var sections = new Sections();
        var current = sections.Summary;
        var briefSeen = false;
        List<string>? code = null;
        foreach (var raw in doc.Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (code is not null)
            {
                if (trimmed.StartsWith("\\endcode", StringComparison.Ordinal) || trimmed.StartsWith("@endcode", StringComparison.Ordinal))
                {
                    code.Add("</code>");
                    code = null;
                }
                else
                {
                    code.Add(Escape(line));
                }

                continue;
            }

            if (trimmed.Length == 0)
            {
                // A blank line ends a \param, \return or \note paragraph. The first paragraph (or the \brief) is the
                // summary IntelliSense shows; the rest is detail, so it goes to the remarks.
                briefSeen |= sections.Summary.Count > 0;
                current = briefSeen ? sections.Remarks : sections.Summary;
                if (current.Count > 0 && current[current.Count - 1].Length > 0)
                {
                    current.Add("");
                }

                continue;
            }

            if (SqliteIndexLines.Any(key => trimmed.StartsWith(key, StringComparison.Ordinal)))
            {
                continue;
            }

            if (trimmed.StartsWith(SqliteTitle, StringComparison.Ordinal))
            {
                line = trimmed = trimmed.Substring(SqliteTitle.Length).Trim();
            }

            var command = Command.Match(trimmed);
            var rest = command.Success ? command.Groups[2].Value : "";
            switch (command.Success ? command.Groups[1].Value : "")
            {
                case "brief" or "short":
                    briefSeen = true;
                    current = sections.Summary;
                    Add(current, rest);
                    break;
                case "details":
                    current = sections.Remarks;
                    Add(current, rest);
                    break;
                case "param" when rest.Length > 0:
                    var name = new string(rest.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
                    var parameter = new Parameter(name.Length > 0 ? name : rest);
                    sections.Parameters.Add(parameter);
                    current = parameter.Lines;
                    Add(current, rest.Substring(name.Length).Trim());
                    break;
                case "return" or "returns" or "result":
                    current = sections.Returns;
                    Add(current, rest);
                    break;
                case "retval":
                    current = sections.Returns;
                    var value = rest.Split(new[] { ' ', '\t' }, 2);
                    current.Add($"<c>{Escape(value[0])}</c>{(value.Length > 1 ? " " + Inline(value[1]) : "")}");
                    break;
                case "note" or "warning" or "attention" or "remark" or "remarks" or "sa" or "see" or "since" or "deprecated" or "bug" or "todo":
                    current = sections.Remarks;
                    Add(current, Label(command.Groups[1].Value) + rest);
                    break;
                case "code":
                    code = current;
                    current.Add("<code>");
                    break;
                default:
                    Add(current, line.TrimStart());
                    break;
            }
        }

        if (code is not null)
        {
            code.Add("</code>");
        }

        return sections;
    }

    private static void Add(List<string> lines, string text)
    {
        if (text.Length > 0)
        {
            lines.Add(Inline(text));
        }
    }

    private static string Label(string command) => command switch
    {
        "note" or "remark" or "remarks" => "Note: ",
        "warning" or "attention" or "bug" => "Warning: ",
        "sa" or "see" => "See also: ",
        "since" => "Since: ",
        "deprecated" => "Deprecated: ",
        "todo" => "To do: ",
        _ => "",
    };

    /// <summary>Escapes the text, then turns <c>\c word</c> and <c>\p word</c> into <c>&lt;c&gt;word&lt;/c&gt;</c>.</summary>
    private static string Inline(string text)
    {
        var escaped = TestableStatementMark.Replace(Escape(text), "$1");
        escaped = CodeWord.Replace(escaped, "<c>$1</c>");
        return EmphasisWord.Replace(escaped, "");
    }

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private sealed class Sections
    {
        public List<string> Summary { get; } = new();
        public List<Parameter> Parameters { get; } = new();
        public List<string> Returns { get; } = new();
        public List<string> Remarks { get; } = new();
    }

    private sealed class Parameter
    {
        public Parameter(string name) => Name = name;

        public string Name { get; }
        public List<string> Lines { get; } = new();
    }
}
