using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Computes the value of every object-like macro the bound files define, after the header is parsed: the
/// expansion with the definitions in force at the end, read as an integer constant expression (with the type
/// of an outer cast) or as one string or floating literal. The binding stage gets values, not tokens.
/// </summary>
internal static class MacroConstants
{
    public static List<MacroConstant> Evaluate(PreprocessedUnit unit, Parser parser)
    {
        var constants = new List<MacroConstant>();
        foreach (var macro in unit.Macros)
        {
            if (macro.IsFunctionLike || macro.Body.Count == 0 || !unit.OwnFiles.Contains(macro.Location.File))
            {
                continue;
            }

            var expansion = unit.ExpandMacro(macro.Name);
            var value = parser.TryEvaluateConstant(expansion, out var integer)
                ? new IntegerMacroValue(integer, parser.TryReadOuterCast(expansion))
                : MacroLiteral.TryRead(expansion);
            if (value is not null)
            {
                constants.Add(new MacroConstant(macro.Name, value, macro.Location, macro.Doc));
            }
        }

        return constants;
    }
}
