using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Reads every function-like macro of the bound files after the header is parsed: the macro is invoked with one
/// placeholder identifier per parameter and expanded with the definitions in force at the end (so macros it uses,
/// such as zlib's <c>ZLIB_VERSION</c>, are already replaced), then read as an expression. A macro that is not one
/// carries the reason, said at its <c>#define</c> by the binding stage.
/// </summary>
internal static class MacroFunctions
{
    private const string Placeholder = "__interop_macro_parameter_";

    public static List<MacroFunction> Read(PreprocessedUnit unit, Parser parser)
    {
        var macros = new List<MacroFunction>();
        foreach (var macro in unit.Macros)
        {
            if (!macro.IsFunctionLike || !unit.OwnFiles.Contains(macro.Location.File))
            {
                continue;
            }

            var parameters = macro.Parameters!;
            string? refusal = RefusalOf(macro);
            MacroExpression? body = null;
            if (refusal is null)
            {
                try
                {
                    var expansion = unit.ExpandTokens(Invocation(macro));
                    body = expansion.Any(t => t.Kind == TokenKind.StringLiteral && t.Text.Contains(Placeholder))
                        ? throw new MacroBodyException("stringizes a parameter (#) through another macro, which only the C preprocessor can do")
                        : parser.ParseMacroBody(expansion, ParameterIndex);
                }
                catch (MacroBodyException e)
                {
                    refusal = e.Message;
                }
            }

            macros.Add(new MacroFunction(macro.Name, parameters, macro.Location, macro.Doc, body, refusal, IsStatementExpression(macro)));
        }

        return macros;
    }

    private static int ParameterIndex(string name) =>
        name.StartsWith(Placeholder, StringComparison.Ordinal) && int.TryParse(name.Substring(Placeholder.Length), out var index) ? index : -1;

    /// <summary>What the definition's own tokens already show: a C# method cannot paste names, declare or run statements.</summary>
    private static string? RefusalOf(MacroDefinition macro)
    {
        if (macro.IsVariadic)
        {
            return "is variadic (...), and a C# method needs a fixed parameter list";
        }

        if (macro.Body.Count == 0)
        {
            return "expands to nothing";
        }

        // A GNU statement expression is read by the parser (for its types): the shim hands it to the C compiler.
        var isStatementExpression = IsStatementExpression(macro);
        foreach (var token in macro.Body)
        {
            if (isStatementExpression && token.Text is ";" or "{" or "do" or "if" or "while" or "for" or "return")
            {
                continue;
            }

            if (token.Kind != TokenKind.Punctuator && !token.IsIdentifier)
            {
                continue;
            }

            switch (token.Text)
            {
                case "##":
                    return "pastes tokens (##) into identifiers, which only the C preprocessor can name";
                case "#":
                    return "stringizes a parameter (#), which only the C preprocessor can do";
                case ";":
                case "{":
                    return "is a statement macro (it has '" + token.Text + "'), not an expression";
                case "do":
                case "if":
                case "while":
                case "for":
                case "return":
                    return "is a statement macro ('" + token.Text + "'), not an expression";
                case "typedef":
                case "extern":
                case "static":
                    return "declares something ('" + token.Text + "')";
            }
        }

        return null;
    }

    private static bool IsStatementExpression(MacroDefinition macro) =>
        macro.Body.Count > 1 && macro.Body[0].Is("(") && macro.Body[1].Is("{") && macro.Body[macro.Body.Count - 1].Is(")");

    private static List<Token> Invocation(MacroDefinition macro)
    {
        var location = macro.Location;
        var tokens = new List<Token> { new(TokenKind.Identifier, macro.Name, location), new(TokenKind.Punctuator, "(", location) };
        for (var i = 0; i < macro.Parameters!.Count; i++)
        {
            if (i > 0)
            {
                tokens.Add(new Token(TokenKind.Punctuator, ",", location));
            }

            tokens.Add(new Token(TokenKind.Identifier, Placeholder + i, location));
        }

        tokens.Add(new Token(TokenKind.Punctuator, ")", location));
        return tokens;
    }
}
