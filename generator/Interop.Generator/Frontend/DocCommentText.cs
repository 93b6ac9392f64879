using System.Text;

namespace Interop.Generator.Frontend;

/// <summary>
/// The words of a run of C comments: markers (<c>/*</c>, <c>/**</c>, <c>///&lt;</c>, <c>*/</c>), the leading
/// asterisks of javadoc and sqlite3 (<c>**</c>) lines and the indentation all lines share are stripped; line breaks
/// and the relative indentation of code examples stay.
/// </summary>
internal static class DocCommentText
{
    public static string FromSource(string source, int start, int end)
    {
        var lines = new List<string>();
        var i = start;
        while (i < end)
        {
            if (source[i] == '/' && i + 1 < end && source[i + 1] == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 || close + 2 > end ? end : close;
                AddBody(lines, source.Substring(i + 2, stop - i - 2), block: true);
                i = stop + 2;
            }
            else if (source[i] == '/' && i + 1 < end && source[i + 1] == '/')
            {
                var newline = source.IndexOf('\n', i);
                var stop = newline < 0 || newline > end ? end : newline;
                AddBody(lines, source.Substring(i + 2, stop - i - 2), block: false);
                i = stop;
            }
            else
            {
                i++;
            }
        }

        return Join(lines);
    }

    /// <summary>The text of one <c>/** */</c> block (the comment with its markers).</summary>
    public static string FromBlock(string comment) => FromSource(comment, 0, comment.Length);

    private static void AddBody(List<string> lines, string body, bool block)
    {
        // The doc markers: /** /*! /// //! and the back-pointing < of /**< ///<.
        var skip = 0;
        if (body.Length > 0 && body[0] is '*' or '!' || !block && body.Length > 0 && body[0] == '/')
        {
            skip = 1;
        }

        if (skip < body.Length && body[skip] == '<')
        {
            skip++;
        }

        var first = true;
        foreach (var raw in body.Substring(skip).Replace("\r", "").Split('\n'))
        {
            var line = raw;
            var trimmed = line.TrimStart();
            if (block && !first && trimmed.StartsWith("*", StringComparison.Ordinal))
            {
                // " * text" (javadoc) and "** text" (sqlite3): drop the stars and the one blank after them.
                var stars = 0;
                while (stars < trimmed.Length && trimmed[stars] == '*')
                {
                    stars++;
                }

                line = trimmed.Substring(stars);
                line = line.StartsWith(" ", StringComparison.Ordinal) ? line.Substring(1) : line;
            }
            else if (first)
            {
                line = trimmed;
            }

            lines.Add((first ? "\u0001" : "") + line.TrimEnd());
            first = false;
        }
    }

    // Lines marked \u0001 start a comment and were trimmed already; the others lose the indentation they share.
    private static string Join(List<string> lines)
    {
        var indent = int.MaxValue;
        foreach (var line in lines)
        {
            if (line.Length > 0 && line[0] != '\u0001' && line.Trim().Length > 0)
            {
                indent = Math.Min(indent, line.Length - line.TrimStart().Length);
            }
        }

        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var text = line.Length > 0 && line[0] == '\u0001' ? line.Substring(1)
                : line.Trim().Length == 0 ? ""
                : line.Substring(Math.Min(indent, line.Length));
            if (text.Length == 0 && sb.Length == 0)
            {
                continue;
            }

            sb.Append(text).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }
}
