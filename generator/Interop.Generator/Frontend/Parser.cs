using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>Raised at a syntax error; caught per top-level declaration so one bad line costs one declaration.</summary>
internal sealed class ParseException : Exception
{
    public ParseException(DiagnosticKind kind, SourceLocation location, string message)
        : base(message)
    {
        Kind = kind;
        Location = location;
    }

    public DiagnosticKind Kind { get; }
    public SourceLocation Location { get; }
}

/// <summary>
/// Recursive-descent parser for the declarations of a C header (C11 6.7), following the grammar
/// section by section: declaration specifiers, declarators (with chibicc's trick for nested
/// declarators), struct/union/enum bodies, and parameter lists. Function bodies are skipped, GNU and
/// MSVC attributes are read past. Errors are located diagnostics; parsing resumes at the next <c>;</c>.
/// </summary>
internal sealed partial class Parser : ITypeNameOracle
{
    private const int MaxNesting = 256;

    private readonly DiagnosticBag _diagnostics;
    private readonly ITypeSizes _layout;
    private readonly TranslationUnit _unit = new();
    private readonly Dictionary<string, IntegerValue> _staticConstants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypedefDecl> _typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordDecl> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumDecl> _enums = new(StringComparer.Ordinal);
    private readonly Stack<int?> _packStack = new();
    private IReadOnlyList<Token> _tokens;
    private int _pos;
    private int _nesting;
    private int? _pack;

    // Inside a parameter list, where an array declarator is a pointer and its size need not be constant.
    private int _parameterDepth;

    // Attributes written after a declarator's name; its caller decides what they apply to.
    private readonly List<AttributeInfo> _declaratorAttributes = new();

    public Parser(IReadOnlyList<Token> tokens, ITypeSizes layout, DiagnosticBag diagnostics)
    {
        _tokens = tokens;
        _layout = layout;
        _diagnostics = diagnostics;

        // clang's built-in typedefs, declared before any header is read.
        _typedefs["__int128_t"] = new TypedefDecl("__int128_t", new PrimitiveType(PrimitiveKind.Int128), SourceLocation.None, null);
        _typedefs["__uint128_t"] = new TypedefDecl("__uint128_t", new PrimitiveType(PrimitiveKind.UInt128), SourceLocation.None, null);
    }

    public TranslationUnit Unit => _unit;

    public TranslationUnit ParseTranslationUnit()
    {
        while (Current.Kind != TokenKind.EndOfFile)
        {
            var start = _pos;
            try
            {
                _nesting = 0;
                TopLevelDeclaration();
            }
            catch (ParseException e)
            {
                _diagnostics.Report(e.Kind, e.Location, e.Message);
                Recover(start);
            }
            catch (ConstantExpressionException e)
            {
                _diagnostics.Report(DiagnosticKind.SyntaxError, e.Location, e.Message);
                Recover(start);
            }
            catch (LayoutException e)
            {
                _diagnostics.Report(e is TypeTooLargeException ? DiagnosticKind.TypeTooLarge : DiagnosticKind.LayoutError, _tokens[Math.Min(_pos, _tokens.Count - 1)].Location, e.Message);
                Recover(start);
            }
        }

        return _unit;
    }

    /// <summary>Evaluates the expansion of a macro as an integer constant expression, if it is one.</summary>
    public bool TryEvaluateConstant(List<Token> tokens, out IntegerValue value)
    {
        value = default;
        if (tokens.Count == 0)
        {
            return false;
        }

        // A failed type name inside leaves the parser on these tokens: the finally puts it back on the header's.
        var saved = (_tokens, _pos);
        var list = new List<Token>(tokens) { new(TokenKind.EndOfFile, "", tokens[tokens.Count - 1].Location) };
        try
        {
            var index = 0;
            value = ConstantExpressionEvaluator.Evaluate(list, ref index, LookUpConstant, this);
            return index == list.Count - 1;
        }
        catch (Exception e) when (e is ConstantExpressionException or ParseException or LayoutException)
        {
            return false;
        }
        finally
        {
            (_tokens, _pos) = saved;
        }
    }

    /// <summary>
    /// The type of a macro whose whole value is a cast, like <c>((XML_Bool)1)</c> or <c>((sqlite3_destructor_type)-1)</c>:
    /// C gives the constant that type, and so should its binding.
    /// </summary>
    public CType? TryReadOuterCast(List<Token> tokens)
    {
        while (tokens.Count >= 2 && tokens[0].Is("(") && tokens[tokens.Count - 1].Is(")") && ClosesAt(tokens, 0) == tokens.Count - 1)
        {
            tokens = tokens.GetRange(1, tokens.Count - 2);
        }

        if (tokens.Count < 4 || !tokens[0].Is("("))
        {
            return null;
        }

        var saved = (_tokens, _pos);
        var list = new List<Token>(tokens) { new(TokenKind.EndOfFile, "", tokens[tokens.Count - 1].Location) };
        try
        {
            _tokens = list;
            _pos = 1;
            if (!IsTypeStart(Current))
            {
                return null;
            }

            var specifiers = DeclarationSpecifiers(requireType: true);
            var (_, type) = Declarator(specifiers.Type);
            if (!At(")"))
            {
                return null;
            }

            // The cast must own the rest: one operand, maybe signed, or one parenthesized group.
            var rest = list.GetRange(_pos + 1, list.Count - _pos - 2);
            var operand = rest.Count > 0 && rest[0].Kind == TokenKind.Punctuator && rest[0].Text is "-" or "+" or "~" ? rest.GetRange(1, rest.Count - 1) : rest;
            var simple = operand.Count == 1 || (operand.Count >= 2 && operand[0].Is("(") && ClosesAt(operand, 0) == operand.Count - 1);
            return simple ? type : null;
        }
        catch (Exception e) when (e is ParseException or ConstantExpressionException or LayoutException)
        {
            return null;
        }
        finally
        {
            (_tokens, _pos) = saved;
        }
    }

    /// <summary>Parses a comma-separated list of C type names, such as a variadic form's extra arguments.</summary>
    public List<CType>? TryParseTypeList(string text)
    {
        var tokens = Lexer.Tokenize(text, "<variadic form>", new DiagnosticBag());
        var saved = (_tokens, _pos);
        try
        {
            _tokens = tokens;
            _pos = 0;
            var types = new List<CType>();
            while (Current.Kind != TokenKind.EndOfFile)
            {
                if (!IsTypeStart(Current))
                {
                    return null;
                }

                var specifiers = DeclarationSpecifiers(requireType: true);
                var (_, type) = Declarator(specifiers.Type);
                types.Add(type);
                if (!Accept(",") && Current.Kind != TokenKind.EndOfFile)
                {
                    return null;
                }
            }

            return types;
        }
        catch (Exception e) when (e is ParseException or ConstantExpressionException or LayoutException)
        {
            return null;
        }
        finally
        {
            (_tokens, _pos) = saved;
        }
    }

    private static int ClosesAt(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Is("(") ? 1 : tokens[i].Is(")") ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    // ---- token helpers ----

    private Token Current => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    /// <summary>The token just consumed (a declaration's last token, whose trailing or following comment may document it).</summary>
    private Token? Previous => _pos > 0 ? _tokens[Math.Min(_pos, _tokens.Count) - 1] : null;

    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private bool At(string text) => Current.Is(text) && Current.Kind != TokenKind.StringLiteral;

    private Token Advance()
    {
        var token = Current;
        if (token.LexError is not null)
        {
            throw new ParseException(DiagnosticKind.LexicalError, token.Location, token.LexError);
        }

        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }

        return token;
    }

    private bool Accept(string text)
    {
        if (At(text))
        {
            Advance();
            return true;
        }

        return false;
    }

    private Token Expect(string text)
    {
        if (!At(text))
        {
            throw Error($"expected '{text}' but found {Describe(Current)}");
        }

        return Advance();
    }

    private ParseException Error(string message, Token? at = null) => new(DiagnosticKind.SyntaxError, (at ?? Current).Location, message);

    private static string Describe(Token token) => token.Kind == TokenKind.EndOfFile ? "end of file" : $"'{token.Text}'";

    /// <summary>Counts one level of recursion for the scope's lifetime, refusing input nested past the limit.</summary>
    private NestingScope Nest()
    {
        if (++_nesting > MaxNesting || StackGuard.IsLow)
        {
            _nesting--;
            throw new ParseException(DiagnosticKind.LimitExceeded, Current.Location, $"declaration nested too deeply (the limit is {MaxNesting} levels)");
        }

        return new NestingScope(this);
    }

    private readonly struct NestingScope : IDisposable
    {
        private readonly Parser _parser;

        public NestingScope(Parser parser) => _parser = parser;

        public void Dispose() => _parser._nesting--;
    }

    /// <summary>Skips to just after the next <c>;</c> outside any braces, always making progress.</summary>
    private void Recover(int start)
    {
        if (_pos <= start)
        {
            _pos = start + 1;
        }

        // Brackets opened before the error still enclose it: "struct s { int a : 99; };" must resume after "};".
        var depth = 0;
        for (var i = start; i < _pos && i < _tokens.Count; i++)
        {
            depth = _tokens[i].Is("{") || _tokens[i].Is("(") ? depth + 1 : _tokens[i].Is("}") || _tokens[i].Is(")") ? Math.Max(0, depth - 1) : depth;
        }

        while (Current.Kind != TokenKind.EndOfFile)
        {
            var token = _tokens[_pos++];
            if (token.Is("{") || token.Is("("))
            {
                depth++;
            }
            else if (token.Is("}") || token.Is(")"))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (token.Is(";") && depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Skips a balanced group starting at the opening token.</summary>
    private void SkipBalanced(string open, string close)
    {
        Expect(open);
        var depth = 1;
        while (depth > 0)
        {
            if (Current.Kind == TokenKind.EndOfFile)
            {
                throw Error($"missing '{close}'");
            }

            var token = _tokens[_pos++];
            depth += token.Is(open) ? 1 : token.Is(close) ? -1 : 0;
        }
    }
}
