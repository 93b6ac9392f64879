using System.Text;
using System.Text.RegularExpressions;

namespace Interop.Build.Tasks;

/// <summary>
/// The <c>dotnet_diagnostic.INTEROPxxxx.severity</c> settings of the .editorconfig files that apply to a header.
/// The compiler applies .editorconfig severities only to diagnostics in C# files (dotnet/roslyn#55921: by design),
/// and hides those keys from generators, so the build reads them for each header, as an editor would: every
/// .editorconfig from the header's directory up to one marked <c>root = true</c>, nearer files and later sections winning.
/// </summary>
internal static class EditorConfigSeverities
{
    private static readonly Regex Key = new(@"^dotnet_diagnostic\.(INTEROP\d{4})\.severity$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Entries <c>INTEROP1005=none</c> for <paramref name="file"/> (an absolute path), reading files through <paramref name="read"/>.</summary>
    public static IReadOnlyList<string> For(string file, Func<string, string?> read)
    {
        file = file.Replace('\\', '/');
        var configs = new List<(string Directory, string Text)>();
        for (var directory = Parent(file); directory is not null; directory = Parent(directory))
        {
            if (read(directory.TrimEnd('/') + "/.editorconfig") is not { } text)
            {
                continue;
            }

            configs.Add((directory.TrimEnd('/') + "/", text));
            if (IsRoot(text))
            {
                break;
            }
        }

        var severities = new Dictionary<string, string>(StringComparer.Ordinal);
        configs.Reverse(); // farthest first, so nearer files override
        foreach (var (directory, text) in configs)
        {
            Regex? section = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';')
                {
                    continue;
                }

                if (line[0] == '[' && line.EndsWith("]", StringComparison.Ordinal))
                {
                    section = Glob(line.Substring(1, line.Length - 2));
                    continue;
                }

                var eq = line.IndexOf('=');
                if (section is null || eq < 0 || !Key.IsMatch(line.Substring(0, eq).Trim()) || !section.IsMatch(file.Substring(directory.Length)))
                {
                    continue;
                }

                var id = Key.Match(line.Substring(0, eq).Trim()).Groups[1].Value.ToUpperInvariant();
                severities[id] = line.Substring(eq + 1).Split('#', ';')[0].Trim().ToLowerInvariant();
            }
        }

        return severities.Select(p => $"{p.Key}={p.Value}").OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static bool IsRoot(string text) =>
        text.Split('\n').TakeWhile(l => !l.TrimStart().StartsWith("[", StringComparison.Ordinal))
            .Any(l => Regex.IsMatch(l, @"^\s*root\s*=\s*true\s*$", RegexOptions.IgnoreCase));

    private static string? Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? null : trimmed.Substring(0, slash + 1);
    }

    /// <summary>An editorconfig section glob as a regex over the path relative to the file's directory.</summary>
    internal static Regex Glob(string glob)
    {
        // A glob without '/' matches the file name at any depth; one with '/' is relative to the .editorconfig.
        var anchored = glob.Contains('/');
        glob = glob.TrimStart('/');
        var pattern = new StringBuilder(anchored ? "^" : "^(.*/)?");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*': pattern.Append("[^/]*"); break;
                case '?': pattern.Append("[^/]"); break;
                case '{': pattern.Append("(?:"); break;
                case '}': pattern.Append(')'); break;
                case ',': pattern.Append('|'); break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        pattern.Append(@"\[");
                        break;
                    }

                    var set = glob.Substring(i + 1, close - i - 1);
                    pattern.Append('[').Append(set.StartsWith("!", StringComparison.Ordinal) ? "^" + set.Substring(1) : set).Append(']');
                    i = close;
                    break;
                default: pattern.Append(Regex.Escape(c.ToString())); break;
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
