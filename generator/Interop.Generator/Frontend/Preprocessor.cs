using System.Text;
using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>The preprocessor's result: expanded tokens for the parser and the macros left defined.</summary>
internal sealed class PreprocessedUnit
{
    public PreprocessedUnit(List<Token> tokens, IReadOnlyList<MacroDefinition> macros, IReadOnlyList<string> files, IReadOnlyCollection<string> ownFiles, bool stopped, Func<string, List<Token>> expandMacro, Func<List<Token>, List<Token>>? expandTokens = null)
    {
        ExpandTokens = expandTokens ?? (_ => new List<Token>());
        Stopped = stopped;
        OwnFiles = ownFiles;
        Tokens = tokens;
        Macros = macros;
        Files = files;
        ExpandMacro = expandMacro;
    }

    /// <summary>Expands a macro name with the definitions in force at the end of the header.</summary>
    public Func<string, List<Token>> ExpandMacro { get; }

    /// <summary>Expands a token list (a function-like macro's invocation) with the definitions in force at the end of the header.</summary>
    public Func<List<Token>, List<Token>> ExpandTokens { get; }

    /// <summary>Expanded tokens, ending with an end-of-file token.</summary>
    public List<Token> Tokens { get; }

    /// <summary>Macros still defined at the end, in the order they were (last) defined.</summary>
    public IReadOnlyList<MacroDefinition> Macros { get; }

    /// <summary>
    /// The library's own headers: the main one and those it reaches through quoted includes, as opposed to
    /// system headers reached through <c>#include &lt;...&gt;</c>. Their declarations are the ones bound.
    /// </summary>
    public IReadOnlyCollection<string> OwnFiles { get; }

    /// <summary>A fatal error (a missing include) stopped preprocessing: the tokens are incomplete and must not be parsed.</summary>
    public bool Stopped { get; }

    /// <summary>Every file read, the main header first.</summary>
    public IReadOnlyList<string> Files { get; }
}

/// <summary>
/// C11 translation phase 4: directives, conditional inclusion and macro expansion with hide sets
/// (Prosser's algorithm, as chibicc and arocc do it). Input is read through a stack of token frames
/// (files and macro expansions), so nesting costs no recursion on the C# stack. Hostile input is
/// bounded: include depth, expansion volume and the number of diagnostics are all capped.
/// </summary>
internal sealed class Preprocessor
{
    private const int MaxIncludeDepth = 200;
    private const long MaxExpandedTokens = 1_000_000;
    private const int MaxFrames = 100_000;
    private const int MaxArgumentNesting = 256;

    private readonly IncludeResolver _resolver;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, MacroDefinition> _macros = new(StringComparer.Ordinal);
    private readonly List<MacroDefinition> _definitionOrder = new();
    private readonly HashSet<string> _pragmaOnce = new(StringComparer.Ordinal);
    private readonly List<string> _files = new();
    private readonly HashSet<string> _ownFiles = new(StringComparer.Ordinal);
    private readonly List<Frame> _frames = new();
    private readonly List<Conditional> _conditions = new();
    private int _fileFrames;
    private long _expandedTokens;
    private int _isolatedDepth;
    private bool _aborted;
    private int _counter;
    private Token? _pendingDoc;

    /// <summary>Set by a missing include: preprocessing stopped, and the header must not be parsed.</summary>
    private bool Fatal { get; set; }

    private Preprocessor(IncludeResolver resolver, DiagnosticBag diagnostics)
    {
        _resolver = resolver;
        _diagnostics = diagnostics;
    }

    public static PreprocessedUnit Run(SourceFile main, IncludeResolver resolver, IEnumerable<KeyValuePair<string, string>> predefined, DiagnosticBag diagnostics)
    {
        var pp = new Preprocessor(resolver, diagnostics);
        foreach (var pair in predefined)
        {
            pp.DefineFromText(pair.Key, pair.Value);
        }

        pp._ownFiles.Add(main.Path);
        pp.PushFile(main, SourceLocation.None);
        var output = pp.Process();
        var live = pp._definitionOrder.Where(m => pp._macros.TryGetValue(m.Name, out var current) && ReferenceEquals(current, m)).ToList();
        return new PreprocessedUnit(output, live, pp._files, pp._ownFiles, pp.Fatal, name => pp.ExpandIsolated(new List<Token> { new(TokenKind.Identifier, name, SourceLocation.None) }), tokens => pp.ExpandIsolated(tokens));
    }

    private sealed class Frame
    {
        public Frame(List<Token> tokens, string? file, int conditionDepth, int directoryIndex = -1)
        {
            Tokens = tokens;
            File = file;
            ConditionDepth = conditionDepth;
            DirectoryIndex = directoryIndex;
        }

        public List<Token> Tokens { get; }
        public int Index { get; set; }
        public string? File { get; }
        public int ConditionDepth { get; }

        /// <summary>The search directory the file was found in, where its #include_next continues.</summary>
        public int DirectoryIndex { get; }
    }

    private sealed class Conditional
    {
        public Conditional(SourceLocation location, bool taken)
        {
            Location = location;
            Taken = taken;
        }

        public SourceLocation Location { get; }
        public bool Taken { get; set; }
        public bool SeenElse { get; set; }
    }

    private List<Token> Process()
    {
        var output = new List<Token>();
        while (!_aborted)
        {
            var token = Next();
            if (token is null)
            {
                break;
            }

            if (token.AtLineStart && token.Is("#"))
            {
                Directive(token);
                continue;
            }

            if (TryExpand(token))
            {
                // A doc comment before a macro use (an export macro, say) belongs to what follows it.
                _pendingDoc ??= token.Leading is null ? null : token;
                continue;
            }

            if (token.LexError is not null)
            {
                _diagnostics.Report(DiagnosticKind.LexicalError, token.Location, token.LexError);
            }

            if (_pendingDoc is not null)
            {
                token = token.Leading is null ? token.WithLeading(_pendingDoc.Leading, _pendingDoc.LeadingIsInherited) : token;
                _pendingDoc = null;
            }

            output.Add(token);
        }

        var end = output.Count > 0 ? output[output.Count - 1].Location : SourceLocation.None;
        output.Add(new Token(TokenKind.EndOfFile, "", end, atLineStart: true));
        return output;
    }

    // ---- token frames ----

    private void PushFile(SourceFile file, SourceLocation includedFrom)
    {
        if (_fileFrames >= MaxIncludeDepth)
        {
            _diagnostics.Report(DiagnosticKind.LimitExceeded, includedFrom, $"#include nested deeper than {MaxIncludeDepth} levels");
            return;
        }

        if (!_files.Contains(file.Path))
        {
            _files.Add(file.Path);
        }

        var tokens = Lexer.Tokenize(file.Text, file.Path, _diagnostics);
        tokens.RemoveAt(tokens.Count - 1);
        _frames.Add(new Frame(tokens, file.Path, _conditions.Count, file.DirectoryIndex));
        _fileFrames++;
    }

    private void PushTokens(List<Token> tokens)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        _expandedTokens += tokens.Count;
        if (_expandedTokens > MaxExpandedTokens || _frames.Count > MaxFrames)
        {
            _diagnostics.Report(DiagnosticKind.LimitExceeded, tokens[0].Location, "macro expansion produces too many tokens; preprocessing stopped");
            _aborted = true;
            return;
        }

        _frames.Add(new Frame(tokens, null, -1));
    }

    private Token? Next()
    {
        while (_frames.Count > 0)
        {
            var top = _frames[_frames.Count - 1];
            if (top.Index < top.Tokens.Count)
            {
                return top.Tokens[top.Index++];
            }

            PopFrame();
        }

        return null;
    }

    private void PopFrame()
    {
        var top = _frames[_frames.Count - 1];
        _frames.RemoveAt(_frames.Count - 1);
        if (top.File is not null)
        {
            _fileFrames--;
        }

        if (top.File is not null && _conditions.Count > top.ConditionDepth)
        {
            var open = _conditions[_conditions.Count - 1];
            _diagnostics.Report(DiagnosticKind.DirectiveError, open.Location, "unterminated conditional directive (missing #endif)");
            _conditions.RemoveRange(top.ConditionDepth, _conditions.Count - top.ConditionDepth);
        }
    }

    /// <summary>The next token without consuming it, looking through finished macro frames but not past a file's end.</summary>
    private Token? Peek()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            var frame = _frames[i];
            if (frame.Index < frame.Tokens.Count)
            {
                return frame.Tokens[frame.Index];
            }

            if (frame.File is not null)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The rest of the current directive line, from the file frame on top.</summary>
    private List<Token> RestOfLine()
    {
        var line = new List<Token>();
        if (_frames.Count == 0)
        {
            return line;
        }

        var top = _frames[_frames.Count - 1];
        while (top.Index < top.Tokens.Count && !top.Tokens[top.Index].AtLineStart)
        {
            line.Add(top.Tokens[top.Index++]);
        }

        return line;
    }

    // ---- directives ----

    private void Directive(Token hash)
    {
        var line = RestOfLine();
        if (line.Count == 0)
        {
            return; // the null directive
        }

        var name = line[0];
        var args = line.GetRange(1, line.Count - 1);
        switch (name.Text)
        {
            case "define": Define(args, name, CommentAttachment.OfMacro(hash, line[line.Count - 1])); break;
            case "undef":
                if (args.Count == 0 || !args[0].IsIdentifier)
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, "macro name missing in #undef");
                }
                else
                {
                    _macros.Remove(args[0].Text);
                }

                break;
            case "include": Include(args, name, next: false); break;
            case "include_next": Include(args, name, next: true); break;
            case "if": PushConditional(name, EvaluateCondition(args, name)); break;
            case "ifdef":
            case "ifndef":
            {
                var defined = args.Count > 0 && args[0].IsIdentifier && IsDefined(args[0].Text);
                if (args.Count == 0 || !args[0].IsIdentifier)
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, $"macro name missing in #{name.Text}");
                }

                PushConditional(name, name.Text == "ifdef" ? defined : !defined);
                break;
            }

            case "elif":
            case "elifdef":
            case "elifndef":
            case "else":
                if (_conditions.Count == 0 || CurrentFileConditionDepth() >= _conditions.Count)
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, $"#{name.Text} without #if");
                    break;
                }

                // Reaching an #elif or #else in live code means an earlier branch was taken.
                MarkElse(name);
                SkipBlock(name);
                break;
            case "endif":
                if (_conditions.Count == 0 || CurrentFileConditionDepth() >= _conditions.Count)
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, "#endif without #if");
                }
                else
                {
                    _conditions.RemoveAt(_conditions.Count - 1);
                }

                break;
            case "error":
                _diagnostics.Report(DiagnosticKind.UserError, name.Location, "#error " + Spell(args));
                break;
            case "warning":
                _diagnostics.Report(DiagnosticKind.UserWarning, name.Location, "#warning " + Spell(args));
                break;
            case "pragma": Pragma(args, name); break;
            case "line":
            case "ident":
            case "sccs":
            case "assert":
            case "unassert":
                break;
            default:
                if (name.Kind == TokenKind.Number)
                {
                    break; // GNU line marker: # 12 "file"
                }

                _diagnostics.Report(DiagnosticKind.UnknownDirective, name.Location, $"unknown directive '#{name.Text}' ignored");
                break;
        }
    }

    private int CurrentFileConditionDepth()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].File is not null)
            {
                return _frames[i].ConditionDepth;
            }
        }

        return 0;
    }

    private void MarkElse(Token directive)
    {
        var current = _conditions[_conditions.Count - 1];
        if (current.SeenElse)
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, directive.Location, $"#{directive.Text} after #else");
        }

        if (directive.Text == "else")
        {
            current.SeenElse = true;
        }
    }

    private void PushConditional(Token directive, bool taken)
    {
        _conditions.Add(new Conditional(directive.Location, taken));
        if (!taken)
        {
            SkipBlock(directive);
        }
    }

    /// <summary>
    /// Skips a false group up to the directive that ends it. An <c>#elif</c> or <c>#else</c> at this
    /// level may open the next group when no earlier group of the chain was taken.
    /// </summary>
    private void SkipBlock(Token from)
    {
        if (_frames.Count == 0)
        {
            return;
        }

        var frame = _frames[_frames.Count - 1];
        var depth = 0;
        while (frame.Index < frame.Tokens.Count)
        {
            var token = frame.Tokens[frame.Index++];
            if (!(token.AtLineStart && token.Is("#")) || frame.Index >= frame.Tokens.Count || frame.Tokens[frame.Index].AtLineStart)
            {
                continue;
            }

            var name = frame.Tokens[frame.Index];
            switch (name.Text)
            {
                case "if":
                case "ifdef":
                case "ifndef":
                    depth++;
                    break;
                case "endif" when depth > 0:
                    depth--;
                    break;
                case "endif":
                    frame.Index++;
                    RestOfLine();
                    _conditions.RemoveAt(_conditions.Count - 1);
                    return;
                case "else" when depth == 0:
                case "elif" when depth == 0:
                case "elifdef" when depth == 0:
                case "elifndef" when depth == 0:
                {
                    frame.Index++;
                    var args = RestOfLine();
                    var current = _conditions[_conditions.Count - 1];
                    MarkElse(name);
                    if (current.Taken)
                    {
                        continue;
                    }

                    var open = name.Text switch
                    {
                        "else" => true,
                        "elif" => EvaluateCondition(args, name),
                        _ => (args.Count > 0 && IsDefined(args[0].Text)) == (name.Text == "elifdef"),
                    };
                    if (open)
                    {
                        current.Taken = true;
                        return;
                    }

                    break;
                }
            }
        }

        // Reaching the end of the file inside a skipped group is reported when the frame is popped.
        _ = from;
    }

    private bool EvaluateCondition(List<Token> args, Token directive)
    {
        try
        {
            var replaced = ReplaceDefinedAndHasOperators(args, directive);
            // A macro may expand to "defined X"; GCC and clang honour that (leaving X unexpanded), so do we.
            var expanded = ExpandIsolated(replaced, protectDefinedOperands: true);
            expanded = ReplaceDefinedAndHasOperators(expanded, directive);
            foreach (var token in expanded.Where(t => t.LexError is not null))
            {
                throw new ConstantExpressionException(token.LexError!, token.Location);
            }

            return !ConstantExpressionEvaluator.EvaluateDirective(expanded, directive.Location).IsZero;
        }
        catch (ConstantExpressionException e)
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, e.Location.Line > 0 ? e.Location : directive.Location, $"invalid #{directive.Text} expression: {e.Message}");
            return false;
        }
    }

    /// <summary>clang's feature-test operators count as defined macros, so "#ifdef __has_include" guards (glibc's bits/statx.h) hold.</summary>
    private static readonly HashSet<string> BuiltinOperators = new(StringComparer.Ordinal)
    {
        "__has_include", "__has_include_next", "__has_attribute", "__has_builtin", "__has_feature", "__has_extension",
        "__has_c_attribute", "__has_declspec_attribute", "__has_warning", "__is_identifier", "__building_module",
    };

    private bool IsDefined(string name) => _macros.ContainsKey(name) || BuiltinOperators.Contains(name);

    private List<Token> ReplaceDefinedAndHasOperators(List<Token> tokens, Token directive)
    {
        var result = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsIdentifier)
            {
                result.Add(token);
                continue;
            }

            if (token.Text == "defined")
            {
                var parenthesized = i + 1 < tokens.Count && tokens[i + 1].Is("(");
                var nameIndex = parenthesized ? i + 2 : i + 1;
                if (nameIndex >= tokens.Count || !tokens[nameIndex].IsIdentifier || (parenthesized && (nameIndex + 1 >= tokens.Count || !tokens[nameIndex + 1].Is(")"))))
                {
                    throw new ConstantExpressionException("'defined' needs a macro name", token.Location);
                }

                result.Add(Number(IsDefined(tokens[nameIndex].Text) ? 1 : 0, token));
                i = parenthesized ? nameIndex + 1 : nameIndex;
                continue;
            }

            if ((token.Text.StartsWith("__has_", StringComparison.Ordinal) || token.Text is "__is_identifier" or "__building_module") && i + 1 < tokens.Count && tokens[i + 1].Is("("))
            {
                var close = i + 2;
                var depth = 1;
                for (; close < tokens.Count; close++)
                {
                    depth += tokens[close].Is("(") ? 1 : tokens[close].Is(")") ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                if (close >= tokens.Count)
                {
                    throw new ConstantExpressionException($"missing ')' after '{token.Text}'", token.Location);
                }

                var operand = tokens.GetRange(i + 2, close - i - 2);
                result.Add(Number(HasOperator(token, operand, directive) ? 1 : 0, token));
                i = close;
                continue;
            }

            result.Add(token);
        }

        return result;
    }

    private bool HasOperator(Token op, List<Token> operand, Token directive)
    {
        switch (op.Text)
        {
            case "__has_include":
            case "__has_include_next":
            {
                var expanded = operand.Count > 0 && (operand[0].Kind == TokenKind.StringLiteral || operand[0].Is("<")) ? operand : ExpandIsolated(operand);
                if (!TryHeaderName(expanded, out var headerName, out var angled))
                {
                    throw new ConstantExpressionException($"'{op.Text}' needs a header name", op.Location);
                }

                return _resolver.Resolve(headerName, angled, CurrentFile(), CurrentDirectoryIndex(), op.Text == "__has_include_next") is not null;
            }

            case "__building_module":
                return false; // clang modules are never being built here (xmmintrin.h asks)

            case "__is_identifier":
                return operand.Count == 1 && operand[0].IsIdentifier && CompilerFeatures.IsIdentifier(operand[0].Text);

            default:
                _ = directive;
                var name = operand.Count == 1 && operand[0].IsIdentifier ? operand[0].Text : "";
                return CompilerFeatures.Has(op.Text, name);
        }
    }

    private void Define(List<Token> args, Token directive, string? doc)
    {
        if (args.Count == 0 || !args[0].IsIdentifier)
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, directive.Location, "macro name missing in #define");
            return;
        }

        var name = args[0];
        if (name.Text == "defined")
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, "'defined' cannot be used as a macro name");
            return;
        }

        var index = 1;
        List<string>? parameters = null;
        var variadic = false;
        if (index < args.Count && args[index].Is("(") && !args[index].HasLeadingSpace)
        {
            parameters = new List<string>();
            index++;
            var expectName = true;
            while (true)
            {
                if (index >= args.Count)
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, name.Location, $"missing ')' in parameter list of macro '{name.Text}'");
                    return;
                }

                var token = args[index++];
                if (token.Is(")") && (!expectName || parameters.Count == 0))
                {
                    break;
                }

                if (expectName && token.Is("..."))
                {
                    variadic = true;
                    parameters.Add("__VA_ARGS__");
                    if (index >= args.Count || !args[index].Is(")"))
                    {
                        _diagnostics.Report(DiagnosticKind.DirectiveError, token.Location, "'...' must be the last macro parameter");
                        return;
                    }

                    index++;
                    break;
                }

                if (expectName && token.IsIdentifier)
                {
                    if (index < args.Count && args[index].Is("..."))
                    {
                        // GNU named variadic parameter: args...
                        variadic = true;
                        index++;
                    }

                    parameters.Add(token.Text);
                    expectName = false;
                    continue;
                }

                if (!expectName && token.Is(","))
                {
                    expectName = true;
                    continue;
                }

                if (!expectName && token.Is(")"))
                {
                    break;
                }

                _diagnostics.Report(DiagnosticKind.DirectiveError, token.Location, $"unexpected '{token.Text}' in parameter list of macro '{name.Text}'");
                return;
            }
        }

        var body = args.GetRange(index, args.Count - index);
        if (body.Count > 0)
        {
            body[0] = body[0].WithLeadingSpace(false);
        }

        if (parameters is not null)
        {
            for (var i = 0; i < body.Count; i++)
            {
                if (body[i].Is("#") && (i + 1 >= body.Count || !parameters.Contains(body[i + 1].Text)))
                {
                    _diagnostics.Report(DiagnosticKind.DirectiveError, body[i].Location, "'#' is not followed by a macro parameter");
                    return;
                }
            }
        }

        if ((body.Count > 0 && body[0].Is("##")) || (body.Count > 0 && body[body.Count - 1].Is("##")))
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, body[0].Location, "'##' cannot appear at either end of a macro expansion");
            return;
        }

        var macro = new MacroDefinition(name.Text, parameters, variadic, body, name.Location, doc);
        _macros[name.Text] = macro;
        _definitionOrder.Add(macro);
    }

    private void DefineFromText(string name, string value)
    {
        var body = Lexer.Tokenize(value, "<predefined>", _diagnostics);
        body.RemoveAt(body.Count - 1);
        var macro = new MacroDefinition(name, null, false, body, new SourceLocation("<predefined>", 1, 1), null);
        _macros[name] = macro;
        _definitionOrder.Add(macro);
    }

    private void Include(List<Token> args, Token directive, bool next)
    {
        var operand = args.Count > 0 && (args[0].Kind == TokenKind.StringLiteral || args[0].Is("<")) ? args : ExpandIsolated(args);
        if (!TryHeaderName(operand, out var headerName, out var angled))
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, directive.Location, "#include expects \"FILENAME\" or <FILENAME>");
            return;
        }

        var file = _resolver.Resolve(headerName, angled, CurrentFile(), CurrentDirectoryIndex(), next);
        if (file is null)
        {
            // Fatal, as in clang: what follows a missing header is noise (its macros and types are unknown).
            _diagnostics.Report(DiagnosticKind.IncludeNotFound, directive.Location, $"'{headerName}' file not found ({_resolver.Searched(angled)})");
            _aborted = true;
            Fatal = true;
            return;
        }

        if (_pragmaOnce.Contains(file.Value.Path))
        {
            return;
        }

        if (!angled && _ownFiles.Contains(CurrentFile()))
        {
            _ownFiles.Add(file.Value.Path);
        }

        PushFile(file.Value, directive.Location);
    }

    private static bool TryHeaderName(List<Token> tokens, out string name, out bool angled)
    {
        name = "";
        angled = false;
        if (tokens.Count == 0)
        {
            return false;
        }

        if (tokens[0].Kind == TokenKind.StringLiteral && tokens[0].Text.StartsWith("\"", StringComparison.Ordinal) && tokens[0].Text.Length >= 2)
        {
            name = tokens[0].Text.Substring(1, tokens[0].Text.Length - 2);
            return name.Length > 0;
        }

        if (!tokens[0].Is("<"))
        {
            return false;
        }

        var sb = new StringBuilder();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Is(">"))
            {
                name = sb.ToString();
                angled = true;
                return name.Length > 0;
            }

            if (tokens[i].HasLeadingSpace && sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i].Text);
        }

        return false;
    }

    private void Pragma(List<Token> args, Token directive)
    {
        if (args.Count == 0)
        {
            return;
        }

        switch (args[0].Text)
        {
            case "once":
                _pragmaOnce.Add(CurrentFile());
                break;
            case "pack":
                // The parser applies packing to the records that follow, so the pragma travels with the tokens.
                _frames.Add(new Frame(new List<Token> { new(TokenKind.PragmaPack, Spell(args.GetRange(1, args.Count - 1)), directive.Location) }, null, -1));
                break;
        }
    }

    private int CurrentDirectoryIndex()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].File is not null)
            {
                return _frames[i].DirectoryIndex;
            }
        }

        return -1;
    }

    private string CurrentFile()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].File is { } file)
            {
                return file;
            }
        }

        return "";
    }

    // ---- macro expansion ----

    private bool TryExpand(Token token)
    {
        if (!token.IsIdentifier || token.HideSet.Contains(token.Text))
        {
            return false;
        }

        switch (token.Text)
        {
            case "_Pragma":
                return PragmaOperator(token);
            case "__LINE__":
                PushTokens(new List<Token> { Number(token.Location.Line, token) });
                return true;
            case "__FILE__":
                PushTokens(new List<Token> { new(TokenKind.StringLiteral, "\"" + token.Location.File + "\"", token.Location, false, token.HasLeadingSpace) });
                return true;
            case "__COUNTER__":
                PushTokens(new List<Token> { Number(_counter++, token) });
                return true;
        }

        if (!_macros.TryGetValue(token.Text, out var macro))
        {
            return false;
        }

        if (!macro.IsFunctionLike)
        {
            var hideSet = token.HideSet.Add(macro.Name);
            var body = new List<Token>(macro.Body.Count);
            for (var i = 0; i < macro.Body.Count; i++)
            {
                body.Add(macro.Body[i].ForExpansion(token.Location, hideSet.Union(macro.Body[i].HideSet), i == 0 ? token.HasLeadingSpace : macro.Body[i].HasLeadingSpace));
            }

            PushTokens(PasteAll(body));
            return true;
        }

        if (Peek() is not { } open || !open.Is("("))
        {
            return false;
        }

        Next();
        var arguments = ReadArguments(macro, token, out var close);
        if (arguments is null)
        {
            return true;
        }

        var resultHideSet = token.HideSet.Intersect(close.HideSet).Add(macro.Name);
        PushTokens(Substitute(macro, arguments, token, resultHideSet));
        return true;
    }

    /// <summary>C99's <c>_Pragma("...")</c>: destringized and handled like a <c>#pragma</c> line.</summary>
    private bool PragmaOperator(Token keyword)
    {
        if (Peek() is not { } open || !open.Is("("))
        {
            return false;
        }

        Next();
        // The operand may come from macros (GLib's _Pragma(G_STRINGIFY(x))): read it to the matching ')', then expand it.
        var operand = new List<Token>();
        var depth = 0;
        while (true)
        {
            var token = Next();
            if (token is null || token.Kind == TokenKind.EndOfFile || (token.AtLineStart && token.Is("#")))
            {
                _diagnostics.Report(DiagnosticKind.DirectiveError, keyword.Location, "_Pragma expects a parenthesized string literal");
                if (token is not null)
                {
                    _frames[_frames.Count - 1].Index--;
                }

                return true;
            }

            if (token.Is(")") && depth-- == 0)
            {
                break;
            }

            depth += token.Is("(") ? 1 : 0;
            operand.Add(token);
        }

        var expanded = operand.Count == 1 && operand[0].Kind == TokenKind.StringLiteral ? operand : ExpandIsolated(operand);
        if (expanded.Count == 0 || expanded.Any(t => t.Kind != TokenKind.StringLiteral))
        {
            _diagnostics.Report(DiagnosticKind.DirectiveError, keyword.Location, "_Pragma expects a parenthesized string literal");
            return true;
        }

        // Adjacent literals concatenate, as in phase 6.
        var text = string.Concat(expanded.Select(l => l.Text.Substring(l.Text.IndexOf('"') + 1).TrimEnd('"'))).Replace("\\\"", "\"").Replace("\\\\", "\\");
        var tokens = Lexer.Tokenize(text, keyword.Location.File, new DiagnosticBag());
        tokens.RemoveAt(tokens.Count - 1);
        Pragma(tokens.Select(t => t.ForExpansion(keyword.Location, HideSet.Empty, t.HasLeadingSpace)).ToList(), keyword);
        return true;
    }

    private List<List<Token>>? ReadArguments(MacroDefinition macro, Token nameToken, out Token close)
    {
        var arguments = new List<List<Token>> { new() };
        var depth = 0;
        close = nameToken;
        while (true)
        {
            var token = Next();
            if (token is null || token.Kind == TokenKind.EndOfFile || (token.AtLineStart && token.Is("#")))
            {
                _diagnostics.Report(DiagnosticKind.MacroError, nameToken.Location, $"unterminated argument list invoking macro '{macro.Name}'");
                if (token is not null)
                {
                    // Leave the end marker or directive for the caller: the token came from the top frame.
                    _frames[_frames.Count - 1].Index--;
                }

                return null;
            }

            if (depth == 0 && token.Is(")"))
            {
                close = token;
                break;
            }

            if (depth == 0 && token.Is(",") && !(macro.IsVariadic && arguments.Count == macro.Parameters!.Count))
            {
                arguments.Add(new List<Token>());
                continue;
            }

            depth += token.Is("(") ? 1 : token.Is(")") ? -1 : 0;
            arguments[arguments.Count - 1].Add(token);
        }

        var expected = macro.Parameters!.Count;
        if (expected == 0 && arguments.Count == 1 && arguments[0].Count == 0)
        {
            return new List<List<Token>>();
        }

        if (macro.IsVariadic && arguments.Count == expected - 1)
        {
            arguments.Add(new List<Token>()); // the variadic part may be omitted entirely
        }

        if (arguments.Count != expected)
        {
            _diagnostics.Report(DiagnosticKind.MacroError, nameToken.Location, $"macro '{macro.Name}' takes {expected} argument(s) but {arguments.Count} were given");
            return null;
        }

        return arguments;
    }

    private List<Token> Substitute(MacroDefinition macro, List<List<Token>> arguments, Token use, HideSet hideSet)
    {
        var result = new List<Token>();
        var body = macro.Body;
        var expandedCache = new List<Token>?[arguments.Count];
        for (var i = 0; i < body.Count; i++)
        {
            var token = body[i];
            var param = token.IsIdentifier ? macro.ParameterIndex(token.Text) : -1;

            if (token.Is("#") && i + 1 < body.Count && macro.ParameterIndex(body[i + 1].Text) is var stringized and >= 0)
            {
                result.Add(Stringize(arguments[stringized], use, token.HasLeadingSpace));
                i++;
                continue;
            }

            // GNU: ", ## __VA_ARGS__" drops the comma when the variadic argument is empty.
            if (token.Is(",") && i + 2 < body.Count && body[i + 1].Is("##") && macro.IsVariadic && macro.ParameterIndex(body[i + 2].Text) == arguments.Count - 1)
            {
                var rest = arguments[arguments.Count - 1];
                if (rest.Count > 0)
                {
                    result.Add(token.ForExpansion(use.Location, hideSet, token.HasLeadingSpace));
                    result.AddRange(rest.Select(t => t.ForExpansion(t.Location, t.HideSet.Union(hideSet), t.HasLeadingSpace)));
                }

                i += 2;
                continue;
            }

            if (token.Is("##") && i + 1 < body.Count)
            {
                var rhs = body[i + 1];
                var rhsParam = rhs.IsIdentifier ? macro.ParameterIndex(rhs.Text) : -1;
                var rhsTokens = rhsParam >= 0 ? arguments[rhsParam] : new List<Token> { rhs };
                i++;
                if (rhsTokens.Count == 0)
                {
                    continue;
                }

                if (result.Count == 0)
                {
                    result.AddRange(rhsTokens.Select(t => t.ForExpansion(t.Location, t.HideSet.Union(hideSet), t.HasLeadingSpace)));
                    continue;
                }

                var pasted = Paste(result[result.Count - 1], rhsTokens[0]);
                result[result.Count - 1] = pasted.ForExpansion(pasted.Location, hideSet, result[result.Count - 1].HasLeadingSpace);
                result.AddRange(rhsTokens.Skip(1).Select(t => t.ForExpansion(t.Location, t.HideSet.Union(hideSet), t.HasLeadingSpace)));
                continue;
            }

            if (param >= 0)
            {
                // An operand of ## is substituted unexpanded; any other use is fully expanded first.
                var raw = i + 1 < body.Count && body[i + 1].Is("##");
                var tokens = raw ? arguments[param] : expandedCache[param] ??= ExpandIsolated(arguments[param]);
                for (var k = 0; k < tokens.Count; k++)
                {
                    var t = tokens[k];
                    result.Add(t.ForExpansion(t.Location, t.HideSet.Union(hideSet), k == 0 ? token.HasLeadingSpace : t.HasLeadingSpace));
                }

                continue;
            }

            result.Add(token.ForExpansion(use.Location, token.HideSet.Union(hideSet), result.Count == 0 ? use.HasLeadingSpace : token.HasLeadingSpace));
        }

        return result;
    }

    /// <summary>Pastes the <c>##</c> operators of an object-like macro body.</summary>
    private List<Token> PasteAll(List<Token> body)
    {
        if (!body.Any(t => t.Is("##")))
        {
            return body;
        }

        var result = new List<Token>();
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i].Is("##") && result.Count > 0 && i + 1 < body.Count)
            {
                var last = result[result.Count - 1];
                result[result.Count - 1] = Paste(last, body[i + 1]).ForExpansion(last.Location, last.HideSet, last.HasLeadingSpace);
                i++;
                continue;
            }

            result.Add(body[i]);
        }

        return result;
    }

    private Token Paste(Token left, Token right)
    {
        var text = left.Text + right.Text;
        var scratch = new DiagnosticBag();
        var tokens = Lexer.Tokenize(text, left.Location.File, scratch);
        if (tokens.Count != 2 || scratch.HasErrors || tokens[0].LexError is not null)
        {
            _diagnostics.Report(DiagnosticKind.MacroError, left.Location, $"pasting \"{left.Text}\" and \"{right.Text}\" does not give a valid preprocessing token");
            return new Token(TokenKind.Other, text, left.Location, false, left.HasLeadingSpace);
        }

        return new Token(tokens[0].Kind, tokens[0].Text, left.Location, false, left.HasLeadingSpace);
    }

    private static Token Stringize(List<Token> argument, Token use, bool hasLeadingSpace)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < argument.Count; i++)
        {
            var token = argument[i];
            if (i > 0 && token.HasLeadingSpace)
            {
                sb.Append(' ');
            }

            if (token.Kind is TokenKind.StringLiteral or TokenKind.CharLiteral)
            {
                sb.Append(token.Text.Replace("\\", "\\\\").Replace("\"", "\\\""));
            }
            else
            {
                sb.Append(token.Text);
            }
        }

        return new Token(TokenKind.StringLiteral, sb.Append('"').ToString(), use.Location, false, hasLeadingSpace);
    }

    /// <summary>Fully macro-expands a token list on its own: a macro inside cannot read arguments past its end.</summary>
    private List<Token> ExpandIsolated(List<Token> tokens, bool protectDefinedOperands = false)
    {
        // Arguments are expanded recursively (a macro call inside an argument of a macro call...).
        if (_isolatedDepth >= MaxArgumentNesting || StackGuard.IsLow)
        {
            if (!_aborted)
            {
                _diagnostics.Report(DiagnosticKind.LimitExceeded, tokens.Count > 0 ? tokens[0].Location : SourceLocation.None, $"macro invocations nested too deeply (the limit is {MaxArgumentNesting} levels); preprocessing stopped");
                _aborted = true;
            }

            return new List<Token>();
        }

        _isolatedDepth++;
        try
        {
            return ExpandIsolatedCore(tokens, protectDefinedOperands);
        }
        finally
        {
            _isolatedDepth--;
        }
    }

    private List<Token> ExpandIsolatedCore(List<Token> tokens, bool protectDefinedOperands)
    {
        var sentinel = new Token(TokenKind.EndOfFile, "", SourceLocation.None);
        var frameCount = _frames.Count;
        var input = new List<Token>(tokens) { sentinel };
        _frames.Add(new Frame(input, null, -1));
        var output = new List<Token>();
        while (!_aborted)
        {
            var token = Next();
            if (token is null || ReferenceEquals(token, sentinel))
            {
                break;
            }

            if ((protectDefinedOperands && IsDefinedOperand(token, output)) || !TryExpand(token))
            {
                output.Add(token);
            }
        }

        // Drop whatever an aborted expansion left behind, so the caller's frames are intact.
        while (_frames.Count > frameCount)
        {
            if (_frames[_frames.Count - 1].File is not null)
            {
                _fileFrames--;
            }

            _frames.RemoveAt(_frames.Count - 1);
        }

        return output;
    }

    /// <summary>Whether <paramref name="token"/> is the name in a <c>defined X</c> or <c>defined ( X</c> already output.</summary>
    private static bool IsDefinedOperand(Token token, List<Token> output)
    {
        if (!token.IsIdentifier || output.Count == 0)
        {
            return false;
        }

        var last = output[output.Count - 1];
        return (last.IsIdentifier && last.Text == "defined")
            || (last.Is("(") && output.Count >= 2 && output[output.Count - 2].IsIdentifier && output[output.Count - 2].Text == "defined");
    }

    private static Token Number(long value, Token at) =>
        new(TokenKind.Number, value.ToString(System.Globalization.CultureInfo.InvariantCulture), at.Location, false, at.HasLeadingSpace);

    private static string Spell(List<Token> tokens)
    {
        var sb = new StringBuilder();
        foreach (var token in tokens)
        {
            if (sb.Length > 0 && token.HasLeadingSpace)
            {
                sb.Append(' ');
            }

            sb.Append(token.Text);
        }

        return sb.ToString();
    }
}
