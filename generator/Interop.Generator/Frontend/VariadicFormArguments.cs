using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Reads the C argument types of the user's variadic forms (<c>VariadicForms="f(long, void*)"</c>) with the parser
/// that read the header, so <c>size_t</c> or a struct pointer means what the header says it means.
/// </summary>
internal static class VariadicFormArguments
{
    /// <summary>Each form as written, with its argument types; null when they do not parse as C type names.</summary>
    public static Dictionary<string, IReadOnlyList<CType>?> Parse(Parser parser, IEnumerable<string> forms)
    {
        var parsed = new Dictionary<string, IReadOnlyList<CType>?>(StringComparer.Ordinal);
        foreach (var form in forms)
        {
            if (parsed.ContainsKey(form) || form.IndexOf('(') < 0)
            {
                continue;
            }

            var arguments = form.Substring(form.IndexOf('(') + 1).TrimEnd();
            parsed[form] = arguments.EndsWith(")", StringComparison.Ordinal) ? parser.TryParseTypeList(arguments.Substring(0, arguments.Length - 1)) : null;
        }

        return parsed;
    }
}
