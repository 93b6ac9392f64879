using System.Text.RegularExpressions;

namespace Interop.Generator.Frontend;

/// <summary>
/// The files a header may include, found without preprocessing: every <c>#include</c>, <c>#include_next</c>
/// and <c>__has_include</c> line, in every branch of every conditional, resolved by <see cref="IncludeSearch"/>.
/// It over-includes (both branches of an <c>#if</c>) so that the generator, which reads only the files it is
/// given, has every file the preprocessor could ask for. Includes written with a macro (<c>#include FOO_H</c>)
/// cannot be resolved this way; the generator reports them if they are reached and missing.
/// </summary>
internal static class IncludeClosure
{
    private static readonly Regex IncludeLine = new(
        @"^[ \t]*#[ \t]*(?<directive>include_next|include|import)[ \t]*(?:<(?<angled>[^>\r\n]+)>|""(?<quoted>[^""\r\n]+)"")",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex HasInclude = new(
        @"__has_include(?<next>_next)?[ \t]*\([ \t]*(?:<(?<angled>[^>\r\n]+)>|""(?<quoted>[^""\r\n]+)"")",
        RegexOptions.CultureInvariant);

    private static readonly Regex BlockComment = new(@"/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Every file reachable from <paramref name="header"/> (itself first), reading through <paramref name="read"/>
    /// (null when a file does not exist). Names that resolve nowhere are listed in <paramref name="unresolved"/>.
    /// </summary>
    public static IReadOnlyList<string> Find(string header, IncludeSearch search, Func<string, string?> read, ICollection<string>? unresolved = null)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Read(string path) => texts.TryGetValue(path, out var text) ? text : texts[path] = read(path);

        var files = new List<string>();
        var seen = new HashSet<(string, int)>();
        var pending = new Stack<(string Path, int DirectoryIndex)>();
        pending.Push((PathText.Normalize(header), -1));
        while (pending.Count > 0)
        {
            var (path, directoryIndex) = pending.Pop();
            // A file found in two directories' places continues #include_next differently from each.
            if (!seen.Add((path, directoryIndex)) || Read(path) is not { } text)
            {
                continue;
            }

            if (!files.Contains(path))
            {
                files.Add(path);
            }

            foreach (var (name, angled, next) in Includes(text))
            {
                var hit = search.Find(name, angled, path, directoryIndex, next, p => Read(p) is not null);
                if (hit is { } found)
                {
                    pending.Push((found.Path, found.DirectoryIndex));
                }
                else
                {
                    unresolved?.Add(name);
                }
            }
        }

        return files;
    }

    /// <summary>The header names a file's text may include, in order: (name, angled, include_next).</summary>
    public static IEnumerable<(string Name, bool Angled, bool Next)> Includes(string text)
    {
        if (text.IndexOf("include", StringComparison.Ordinal) < 0)
        {
            yield break;
        }

        // Line splices first, and comments blanked, so a commented-out include is not followed.
        text = text.Replace("\\\r\n", "").Replace("\\\n", "");
        if (text.IndexOf("/*", StringComparison.Ordinal) >= 0)
        {
            text = BlockComment.Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
        }

        foreach (Match match in IncludeLine.Matches(text))
        {
            var angled = match.Groups["angled"].Success;
            yield return ((angled ? match.Groups["angled"] : match.Groups["quoted"]).Value.Trim(), angled, match.Groups["directive"].Value == "include_next");
        }

        foreach (Match match in HasInclude.Matches(text))
        {
            var angled = match.Groups["angled"].Success;
            yield return ((angled ? match.Groups["angled"] : match.Groups["quoted"]).Value.Trim(), angled, match.Groups["next"].Success);
        }
    }
}
