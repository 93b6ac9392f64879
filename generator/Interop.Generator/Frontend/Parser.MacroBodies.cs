using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>
/// Reads a function-like macro's expansion as a C expression tree: parameters stand as placeholder identifiers,
/// type names (casts, <c>sizeof</c>) are read with the header's typedefs, and identifiers must be parameters,
/// enum constants or functions the header declares.
/// </summary>
internal sealed partial class Parser
{
    private static readonly string[][] MacroLevels =
    {
        new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "==", "!=" },
        new[] { "<", ">", "<=", ">=" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
    };

    private Func<string, int>? _macroParameter;
    private Dictionary<string, FunctionDecl>? _functionsByName;
    private Dictionary<string, MacroLocal>? _macroLocals;
    private int _macroLocalCount;

    /// <summary>Parses <paramref name="expansion"/> as one expression; throws <see cref="MacroBodyException"/> saying why not.</summary>
    public MacroExpression ParseMacroBody(List<Token> expansion, Func<string, int> parameterIndex)
    {
        _functionsByName ??= _unit.Declarations.OfType<FunctionDecl>().GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var saved = (_tokens, _pos);
        var list = new List<Token>(expansion) { new(TokenKind.EndOfFile, "", expansion.Count > 0 ? expansion[expansion.Count - 1].Location : default) };
        try
        {
            _tokens = list;
            _pos = 0;
            _macroParameter = parameterIndex;
            _macroLocals = null;
            _macroLocalCount = 0;
            var body = MacroConditional();
            if (Current.Kind != TokenKind.EndOfFile)
            {
                throw new MacroBodyException(Current.Is(",") ? "is a comma expression" : $"has '{Current.Text}' where its expression should end");
            }

            return body;
        }
        catch (Exception e) when (e is ParseException or ConstantExpressionException or LayoutException)
        {
            throw new MacroBodyException(e.Message);
        }
        finally
        {
            (_tokens, _pos) = saved;
            _macroParameter = null;
        }
    }

    private MacroExpression MacroConditional()
    {
        using var nesting = Nest();
        var condition = MacroBinaryLevel(0);
        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = MacroConditional();
        if (!Accept(":"))
        {
            throw new MacroBodyException($"expected ':' but found '{Current.Text}'");
        }

        return new MacroConditional(condition, whenTrue, MacroConditional());
    }

    private MacroExpression MacroBinaryLevel(int level)
    {
        if (level == MacroLevels.Length)
        {
            return MacroUnaryExpression();
        }

        var left = MacroBinaryLevel(level + 1);
        while (Current.Kind == TokenKind.Punctuator && Array.IndexOf(MacroLevels[level], Current.Text) >= 0)
        {
            var op = Current.Text;
            _pos++;
            left = new MacroBinary(op, left, MacroBinaryLevel(level + 1));
        }

        return left;
    }

    private MacroExpression MacroUnaryExpression()
    {
        using var nesting = Nest();
        var token = Current;
        if (token.Kind == TokenKind.Punctuator && token.Text is "-" or "+" or "~" or "!")
        {
            _pos++;
            return new MacroUnary(token.Text, MacroUnaryExpression());
        }

        if (token.Kind == TokenKind.Punctuator && token.Text is "&" or "*" or "++" or "--")
        {
            throw new MacroBodyException($"uses '{token.Text}' on a value, which has no safe C# counterpart here");
        }

        if (token.Is("(") && IsTypeStart(_tokens[Math.Min(_pos + 1, _tokens.Count - 1)]))
        {
            _pos++;
            var type = MacroTypeName();
            Expect(")");
            return new MacroCast(type, MacroUnaryExpression());
        }

        if (token.IsIdentifier && token.Text is "sizeof" or "_Alignof" or "__alignof__" or "alignof")
        {
            _pos++;
            if (!Accept("(") || !IsTypeStart(Current))
            {
                throw new MacroBodyException($"takes '{token.Text}' of an expression; only '{token.Text}' of a type name is bound");
            }

            var type = MacroTypeName();
            Expect(")");
            var (size, alignment) = _layout.Measure(type);
            return new MacroInteger(IntegerValue.Of((ulong)(token.Text == "sizeof" ? size : alignment), IntegerKind.ULong));
        }

        return MacroPostfix(MacroPrimary());
    }

    private MacroExpression MacroPostfix(MacroExpression operand)
    {
        if (Current.Kind == TokenKind.Punctuator && Current.Text is "->" or "." or "[" or "++" or "--" or "(")
        {
            throw new MacroBodyException($"uses '{Current.Text}' after an operand (member access, indexing or a call through a value), which is not bound yet");
        }

        return operand;
    }

    private CType MacroTypeName()
    {
        if (Current.IsIdentifier && StorageKeywords.Contains(Current.Text))
        {
            throw new MacroBodyException($"declares something ('{Current.Text}')");
        }

        var specifiers = DeclarationSpecifiers(requireType: true);
        var (name, type) = Declarator(specifiers.Type);
        if (name is not null)
        {
            throw new MacroBodyException($"declares '{name.Text}'");
        }

        return type;
    }

    private MacroExpression MacroPrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _pos++;
                if (NumberLiteral.TryParseInteger(token.Text, out var integer))
                {
                    return new MacroInteger(integer);
                }

                return MacroLiteral.TryRead(new List<Token> { token }) is FloatingMacroValue floating
                    ? new MacroFloating(floating.Value, floating.IsSingle)
                    : throw new MacroBodyException($"has the constant '{token.Text}', which is not a number C# can write");
            case TokenKind.CharLiteral:
                _pos++;
                return NumberLiteral.TryParseChar(token.Text, out var character) ? new MacroInteger(character) : throw new MacroBodyException($"has the invalid character constant {token.Text}");
            case TokenKind.StringLiteral:
                var strings = new List<Token>();
                while (Current.Kind == TokenKind.StringLiteral)
                {
                    strings.Add(Current);
                    _pos++;
                }

                return MacroLiteral.TryRead(strings) is StringMacroValue text
                    ? new MacroString(text.Text)
                    : throw new MacroBodyException("has a string literal that is not plain UTF-8 text");
            case TokenKind.Identifier:
                return MacroIdentifier(token);
            case TokenKind.Punctuator when token.Text == "(":
                _pos++;
                if (Current.Is("{"))
                {
                    return MacroStatementExpressionBody();
                }

                var inner = MacroConditional();
                Expect(")");
                return inner;
            case TokenKind.EndOfFile:
                throw new MacroBodyException("ends where an operand should be");
            default:
                throw new MacroBodyException($"has '{token.Text}' where an operand should be");
        }
    }

    /// <summary>
    /// After <c>({</c>: declarations of locals and expression statements up to <c>})</c>. Control statements and
    /// assignments are not read (their macro needs its signature stated, MacroSignatures).
    /// </summary>
    private MacroExpression MacroStatementExpressionBody()
    {
        using var nesting = Nest();
        _pos++;
        var locals = new List<MacroLocal>();
        var effects = new List<MacroExpression>();
        MacroExpression? result = null;
        var outerScope = _macroLocals;
        _macroLocals = new Dictionary<string, MacroLocal>(outerScope ?? new Dictionary<string, MacroLocal>(), StringComparer.Ordinal);
        try
        {
            while (!Accept("}"))
            {
                if (Current.IsIdentifier && Current.Text is "do" or "if" or "for" or "while" or "return" or "switch" or "goto" or "break" or "continue")
                {
                    throw new MacroBodyException($"is a statement expression with '{Current.Text}', whose types are not inferred");
                }

                if (Accept(";"))
                {
                    result = null;
                    continue;
                }

                if (IsTypeStart(Current))
                {
                    var specifiers = DeclarationSpecifiers(requireType: true);
                    do
                    {
                        var (name, type) = Declarator(specifiers.Type);
                        if (name is null)
                        {
                            throw new MacroBodyException("declares a local without a name");
                        }

                        var local = new MacroLocal(_macroLocalCount++, name.Text, type, Accept("=") ? MacroConditional() : null);
                        locals.Add(local);
                        _macroLocals[local.Name] = local;
                    }
                    while (Accept(","));

                    Expect(";");
                    result = null;
                    continue;
                }

                var statement = MacroConditional();
                if (!Accept(";"))
                {
                    throw new MacroBodyException($"is a statement expression with '{Current.Text}' after an expression (an assignment or a comma), whose types are not inferred");
                }

                effects.Add(statement);
                result = statement;
            }

            Expect(")");
            if (result is not null)
            {
                effects.RemoveAt(effects.Count - 1);
            }

            return new MacroStatementExpression(locals, effects, result);
        }
        finally
        {
            _macroLocals = outerScope;
        }
    }

    private MacroExpression MacroIdentifier(Token token)
    {
        _pos++;
        if (_macroLocals is not null && _macroLocals.TryGetValue(token.Text, out var local))
        {
            return new MacroLocalUse(local.Index);
        }

        var parameter = _macroParameter!(token.Text);
        if (parameter >= 0)
        {
            return new MacroParameter(parameter);
        }

        if (_unit.EnumConstants.TryGetValue(token.Text, out var constant))
        {
            return new MacroInteger(constant.Value);
        }

        if (Current.Is("(") && _functionsByName!.ContainsKey(token.Text))
        {
            _pos++;
            var arguments = new List<MacroExpression>();
            if (!Accept(")"))
            {
                do
                {
                    arguments.Add(MacroConditional());
                }
                while (Accept(","));

                Expect(")");
            }

            return new MacroCall(token.Text, arguments);
        }

        if (token.Text is "do" or "if" or "for" or "while" or "return" or "switch" or "goto" || StorageKeywords.Contains(token.Text))
        {
            throw new MacroBodyException($"is a statement or declaration ('{token.Text}'), not an expression");
        }

        throw new MacroBodyException(Current.Is("(")
            ? $"calls '{token.Text}', which the header does not declare as a function"
            : $"uses '{token.Text}', which is not a parameter, a constant or a function of the header");
    }
}

/// <summary>Why a macro's expansion is not an expression the bindings can carry; never leaves the front-end.</summary>
internal sealed class MacroBodyException : Exception
{
    public MacroBodyException(string reason)
        : base(reason)
    {
    }
}
