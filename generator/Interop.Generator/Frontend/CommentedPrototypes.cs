using System.Text.RegularExpressions;

namespace Interop.Generator.Frontend;

/// <summary>
/// Parameter names from prototypes written inside comments. zlib documents each function with its named
/// prototype in a comment (<c>ZEXTERN gzFile ZEXPORT gzopen OF((const char *path, const char *mode));</c>)
/// and declares it elsewhere without names (<c>gzopen(const char *, const char *)</c>); the comment is where
/// the names are.
/// </summary>
internal static class CommentedPrototypes
{
    // name( or name OF(( followed by a parameter list with no nested parentheses.
    private static readonly Regex Prototype = new(@"\b([A-Za-z_][A-Za-z_0-9]*)\s*(?:OF\s*\(\s*)?\(([^()]*)\)", RegexOptions.CultureInvariant);

    private static readonly Regex Comment = new(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex Identifier = new(@"[A-Za-z_][A-Za-z_0-9]*", RegexOptions.CultureInvariant);

    /// <summary>For each function name, the parameter names of the first commented prototype that names any (null where one is unnamed).</summary>
    public static Dictionary<string, string?[]> Find(IEnumerable<string?> texts)
    {
        var found = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (text is null)
            {
                continue;
            }

            foreach (Match comment in Comment.Matches(text))
            {
                foreach (Match prototype in Prototype.Matches(comment.Value))
                {
                    var name = prototype.Groups[1].Value;
                    if (!found.ContainsKey(name) && Names(prototype.Groups[2].Value) is { } names)
                    {
                        found.Add(name, names);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The name of each parameter in <c>const char *path, int</c> (path, null); null when none is named.</summary>
    public static string?[]? Names(string parameterList)
    {
        var parameters = parameterList.Split(',');
        var names = new string?[parameters.Length];
        var any = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            // A declarator is type words then the name: the last identifier, when there are at least two words.
            var words = Identifier.Matches(parameters[i].Split('[')[0]).Cast<Match>().Select(m => m.Value).ToList();
            if (words.Count >= 2 && !IsTypeWord(words[words.Count - 1]))
            {
                names[i] = words[words.Count - 1];
                any = true;
            }
            else if (words.Count == 0 || (parameters.Length == 1 && words.Count == 1 && words[0] == "void"))
            {
                return null;
            }
        }

        return any ? names : null;
    }

    private static bool IsTypeWord(string word) => word is "void" or "char" or "short" or "int" or "long" or "float" or "double"
        or "signed" or "unsigned" or "const" or "volatile" or "struct" or "union" or "enum" or "_Bool";
}
