using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Reads the user's <c>MacroSignatures</c> entries with the parser that read the header (its type-name parser, its
/// typedefs), one type at a time so a type it does not know is named. The entries arrive taken apart by the option
/// table's form (malformed ones were refused earlier).
/// </summary>
internal static class MacroSignatures
{
    public static List<MacroSignature> Read(Parser parser, IEnumerable<(string Entry, string Macro, string Parameters, string Result)> entries)
    {
        var signatures = new List<MacroSignature>();
        foreach (var (entry, macro, parameterList, result) in entries)
        {
            var spellings = TopLevelItems(parameterList);
            if (spellings is ["void"])
            {
                spellings.Clear();
            }

            var parameters = new List<CType>();
            string? unresolved = null;
            foreach (var spelling in spellings)
            {
                if (One(parser, spelling) is { } type)
                {
                    parameters.Add(type);
                }
                else
                {
                    unresolved ??= spelling;
                }
            }

            var resultType = One(parser, result);
            unresolved ??= resultType is null ? result : null;
            signatures.Add(unresolved is null
                ? new MacroSignature(entry, macro, parameters, resultType, null)
                : new MacroSignature(entry, macro, null, null, unresolved));
        }

        return signatures;
    }

    private static CType? One(Parser parser, string spelling) =>
        spelling.Length > 0 && parser.TryParseTypeList(spelling) is [var type] ? type : null;

    /// <summary>The comma-separated items of a list, commas inside parentheses (a function pointer's parameters) kept.</summary>
    private static List<string> TopLevelItems(string list)
    {
        var items = new List<string>();
        if (list.Trim().Length == 0)
        {
            return items;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] == '(' ? 1 : list[i] == ')' ? -1 : 0;
            if (list[i] == ',' && depth == 0)
            {
                items.Add(list.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }

        items.Add(list.Substring(start).Trim());
        return items;
    }
}
