using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>What a constant expression can ask about type names: <c>sizeof</c>, <c>_Alignof</c> and casts.</summary>
internal interface ITypeNameOracle
{
    /// <summary>Tries to read a type name starting at <paramref name="index"/>; on success moves past it.</summary>
    bool TryReadTypeName(IReadOnlyList<Token> tokens, ref int index, out TypeFacts facts);
}

/// <summary>Size, alignment and integer kind of a type named inside a constant expression.</summary>
internal readonly record struct TypeFacts(long Size, long Alignment, IntegerKind? Integer);

/// <summary>Raised inside the evaluator and caught by its callers; it never leaves the front-end.</summary>
internal sealed class ConstantExpressionException : Exception
{
    public ConstantExpressionException(string message, SourceLocation location)
        : base(message) => Location = location;

    public SourceLocation Location { get; }
}

/// <summary>
/// Evaluates C integer constant expressions (C11 6.6) over tokens: for <c>#if</c> (where every value is
/// intmax_t or uintmax_t), for enum values and array sizes, and for <c>#define</c> constants.
/// </summary>
internal sealed class ConstantExpressionEvaluator
{
    private const int MaxDepth = 256;

    private readonly IReadOnlyList<Token> _tokens;
    private readonly Func<Token, IntegerValue?> _identifiers;
    private readonly ITypeNameOracle? _types;
    private readonly bool _preprocessorArithmetic;
    private int _pos;
    private int _depth;
    private int _unevaluated;

    private ConstantExpressionEvaluator(IReadOnlyList<Token> tokens, int start, Func<Token, IntegerValue?> identifiers, ITypeNameOracle? types, bool preprocessorArithmetic)
    {
        _tokens = tokens;
        _pos = start;
        _identifiers = identifiers;
        _types = types;
        _preprocessorArithmetic = preprocessorArithmetic;
    }

    /// <summary>Evaluates a whole <c>#if</c> line; identifiers left after macro expansion are 0.</summary>
    public static IntegerValue EvaluateDirective(IReadOnlyList<Token> tokens, SourceLocation where)
    {
        if (tokens.Count == 0 || tokens[0].Kind == TokenKind.EndOfFile)
        {
            throw new ConstantExpressionException("#if with no expression", where);
        }

        var evaluator = new ConstantExpressionEvaluator(tokens, 0, _ => IntegerValue.Of(0, IntegerKind.Long), null, preprocessorArithmetic: true);
        var value = evaluator.Conditional();
        if (evaluator._pos < tokens.Count && tokens[evaluator._pos].Kind != TokenKind.EndOfFile)
        {
            throw new ConstantExpressionException($"unexpected '{tokens[evaluator._pos].Text}' in #if expression", tokens[evaluator._pos].Location);
        }

        return value;
    }

    /// <summary>Evaluates a conditional-expression starting at <paramref name="index"/> and moves past it.</summary>
    public static IntegerValue Evaluate(IReadOnlyList<Token> tokens, ref int index, Func<Token, IntegerValue?> identifiers, ITypeNameOracle? types)
    {
        var evaluator = new ConstantExpressionEvaluator(tokens, index, identifiers, types, preprocessorArithmetic: false);
        var value = evaluator.Conditional();
        index = evaluator._pos;
        return value;
    }

    private Token Current => _pos < _tokens.Count ? _tokens[_pos] : _end ??= EndMarker();

    private Token? _end;

    private Token EndMarker() => new(TokenKind.EndOfFile, "", _tokens.Count > 0 ? _tokens[_tokens.Count - 1].Location : SourceLocation.None);

    private bool Accept(string punctuator)
    {
        if (Current.Kind == TokenKind.Punctuator && Current.Text == punctuator)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(string punctuator)
    {
        if (!Accept(punctuator))
        {
            throw Error($"expected '{punctuator}' but found '{Describe(Current)}'");
        }
    }

    private IntegerValue Conditional()
    {
        Enter();
        try
        {
            return ConditionalCore();
        }
        finally
        {
            _depth--;
        }
    }

    private IntegerValue ConditionalCore()
    {
        var condition = Binary(0);
        if (Accept("?"))
        {
            var pickTrue = !condition.IsZero;
            _unevaluated += pickTrue ? 0 : 1;
            var whenTrue = Conditional();
            _unevaluated -= pickTrue ? 0 : 1;
            Expect(":");
            _unevaluated += pickTrue ? 1 : 0;
            var whenFalse = Conditional();
            _unevaluated -= pickTrue ? 1 : 0;
            var kind = IntegerValue.Common(whenTrue.Kind, whenFalse.Kind);
            condition = condition.IsZero ? whenFalse.ConvertTo(kind) : whenTrue.ConvertTo(kind);
        }

        return condition;
    }

    private static readonly string[][] Levels =
    {
        new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "==", "!=" },
        new[] { "<", ">", "<=", ">=" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
    };

    private IntegerValue Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }

        var left = Binary(level + 1);
        while (true)
        {
            var op = Current;
            if (op.Kind != TokenKind.Punctuator || Array.IndexOf(Levels[level], op.Text) < 0)
            {
                return left;
            }

            _pos++;
            // && and || short-circuit: "defined(X) && 1 / X" must not fail when X is 0.
            var skipped = (op.Text == "&&" && left.IsZero) || (op.Text == "||" && !left.IsZero);
            _unevaluated += skipped ? 1 : 0;
            var right = Binary(level + 1);
            _unevaluated -= skipped ? 1 : 0;
            left = Apply(op, left, right);
        }
    }

    private IntegerValue Apply(Token op, IntegerValue left, IntegerValue right)
    {
        switch (op.Text)
        {
            case "||": return IntegerValue.Int(!left.IsZero || !right.IsZero ? 1 : 0);
            case "&&": return IntegerValue.Int(!left.IsZero && !right.IsZero ? 1 : 0);
            case "<<":
            case ">>":
            {
                var kind = Promote(left.Kind);
                var value = left.ConvertTo(kind);
                var count = (int)(right.AsSigned & 63);
                if (op.Text == "<<")
                {
                    return IntegerValue.Of(value.Bits << count, kind);
                }

                return value.IsUnsigned ? IntegerValue.Of(value.Bits >> count, kind) : IntegerValue.Of((ulong)(value.AsSigned >> count), kind);
            }
        }

        var common = IntegerValue.Common(Promote(left.Kind), Promote(right.Kind));
        var a = left.ConvertTo(common);
        var b = right.ConvertTo(common);
        var unsigned = a.IsUnsigned;
        switch (op.Text)
        {
            case "|": return IntegerValue.Of(a.Bits | b.Bits, common);
            case "^": return IntegerValue.Of(a.Bits ^ b.Bits, common);
            case "&": return IntegerValue.Of(a.Bits & b.Bits, common);
            case "==": return IntegerValue.Int(a.Bits == b.Bits ? 1 : 0);
            case "!=": return IntegerValue.Int(a.Bits != b.Bits ? 1 : 0);
            case "<": return IntegerValue.Int((unsigned ? a.Bits < b.Bits : a.AsSigned < b.AsSigned) ? 1 : 0);
            case ">": return IntegerValue.Int((unsigned ? a.Bits > b.Bits : a.AsSigned > b.AsSigned) ? 1 : 0);
            case "<=": return IntegerValue.Int((unsigned ? a.Bits <= b.Bits : a.AsSigned <= b.AsSigned) ? 1 : 0);
            case ">=": return IntegerValue.Int((unsigned ? a.Bits >= b.Bits : a.AsSigned >= b.AsSigned) ? 1 : 0);
            case "+": return IntegerValue.Of(a.Bits + b.Bits, common);
            case "-": return IntegerValue.Of(a.Bits - b.Bits, common);
            case "*": return IntegerValue.Of(a.Bits * b.Bits, common);
            default:
                if (b.IsZero && _unevaluated > 0)
                {
                    return IntegerValue.Of(0, common);
                }

                if (b.IsZero)
                {
                    throw new ConstantExpressionException("division by zero in constant expression", op.Location);
                }

                if (unsigned)
                {
                    return IntegerValue.Of(op.Text == "/" ? a.Bits / b.Bits : a.Bits % b.Bits, common);
                }

                if (a.AsSigned == long.MinValue && b.AsSigned == -1)
                {
                    return IntegerValue.Of(op.Text == "/" ? a.Bits : 0, common);
                }

                return IntegerValue.Of((ulong)(op.Text == "/" ? a.AsSigned / b.AsSigned : a.AsSigned % b.AsSigned), common);
        }
    }

    private IntegerValue Unary()
    {
        Enter();
        try
        {
            return UnaryCore();
        }
        finally
        {
            _depth--;
        }
    }

    private IntegerValue UnaryCore()
    {
        var token = Current;
        if (token.Kind == TokenKind.Punctuator)
        {
            switch (token.Text)
            {
                case "+": _pos++; return PromoteValue(Unary());
                case "-": _pos++; { var v = PromoteValue(Unary()); return IntegerValue.Of(0 - v.Bits, v.Kind); }
                case "~": _pos++; { var v = PromoteValue(Unary()); return IntegerValue.Of(~v.Bits, v.Kind); }
                case "!": _pos++; return IntegerValue.Int(Unary().IsZero ? 1 : 0);
                case "(":
                    if (_types is not null)
                    {
                        var afterParen = _pos + 1;
                        if (_types.TryReadTypeName(_tokens, ref afterParen, out var cast))
                        {
                            _pos = afterParen;
                            Expect(")");
                            var operand = Unary();
                            return cast.Integer is { } kind ? TruncateTo(operand, cast.Size, kind) : throw Error("only integer casts are constant");
                        }
                    }

                    break;
            }
        }

        if (token.IsIdentifier && token.Text is "sizeof" or "_Alignof" or "__alignof__" or "alignof")
        {
            _pos++;
            if (_types is null || !Accept("("))
            {
                throw Error($"'{token.Text}' needs a parenthesized type name here");
            }

            var index = _pos;
            if (!_types.TryReadTypeName(_tokens, ref index, out var facts))
            {
                throw Error($"'{token.Text}' of an expression is not supported; use a type name");
            }

            _pos = index;
            Expect(")");
            return IntegerValue.Of((ulong)(token.Text == "sizeof" ? facts.Size : facts.Alignment), IntegerKind.ULong);
        }

        return Primary();
    }

    private IntegerValue Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _pos++;
                if (!NumberLiteral.TryParseInteger(token.Text, out var number))
                {
                    throw new ConstantExpressionException($"'{token.Text}' is not an integer constant", token.Location);
                }

                return _preprocessorArithmetic ? number.ConvertTo(number.IsUnsigned ? IntegerKind.ULong : IntegerKind.Long) : number;
            case TokenKind.CharLiteral:
                _pos++;
                if (!NumberLiteral.TryParseChar(token.Text, out var character))
                {
                    throw new ConstantExpressionException($"invalid character constant {token.Text}", token.Location);
                }

                return character;
            case TokenKind.Identifier:
                _pos++;
                return _identifiers(token) ?? throw new ConstantExpressionException($"'{token.Text}' is not a constant", token.Location);
            case TokenKind.Punctuator when token.Text == "(":
                _pos++;
                var inner = Conditional();
                Expect(")");
                return inner;
            default:
                throw Error($"expected an expression but found '{Describe(token)}'");
        }
    }

    private IntegerKind Promote(IntegerKind kind) =>
        _preprocessorArithmetic ? (kind is IntegerKind.UInt or IntegerKind.ULong ? IntegerKind.ULong : IntegerKind.Long) : kind;

    private IntegerValue PromoteValue(IntegerValue value) => value.ConvertTo(Promote(value.Kind));

    private static IntegerValue TruncateTo(IntegerValue value, long size, IntegerKind kind)
    {
        // Casts to char and short keep their narrow range but compute as int, as C's promotions do.
        var bits = value.Kind == IntegerKind.Int ? (ulong)value.AsSigned : value.Bits;
        if (size is 1 or 2)
        {
            var width = (int)size * 8;
            var mask = (1UL << width) - 1;
            var narrow = bits & mask;
            var signed = kind is IntegerKind.Int or IntegerKind.Long;
            long result = signed && (narrow >> (width - 1)) != 0 ? (long)(narrow | ~mask) : (long)narrow;
            return IntegerValue.Int(result);
        }

        return IntegerValue.Of(bits, kind);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth || StackGuard.IsLow)
        {
            throw new ConstantExpressionException($"expression nested too deeply (the limit is {MaxDepth} levels)", Current.Location);
        }
    }

    private ConstantExpressionException Error(string message) => new(message, Current.Location);

    private static string Describe(Token token) => token.Kind == TokenKind.EndOfFile ? "end of line" : token.Text;
}
