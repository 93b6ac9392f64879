using System.Text;

namespace Interop.Generator.Frontend;

/// <summary>Strips the comment markers and leading asterisks from a C doc comment, keeping its lines.</summary>
internal static class DocCommentText
{
    public static string FromBlock(string comment)
    {
        var body = comment.Substring(3, Math.Max(0, comment.Length - 5));
        var sb = new StringBuilder();
        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("*", StringComparison.Ordinal))
            {
                line = line.Substring(1).TrimStart();
            }

            if (line.Length == 0 && sb.Length == 0)
            {
                continue;
            }

            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }
}
