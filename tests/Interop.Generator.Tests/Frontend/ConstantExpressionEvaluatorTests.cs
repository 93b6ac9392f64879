using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;
using Interop.Generator.Syntax;

namespace Interop.Generator.Tests.Frontend;

public class ConstantExpressionEvaluatorTests
{
    private static List<Token> Tokens(string text) => Lexer.Tokenize(text, "/e.h", new DiagnosticBag());

    /// <summary>Evaluates with C semantics (enum values, array sizes); the whole text must be consumed.</summary>
    private static IntegerValue Eval(string text, Func<Token, IntegerValue?>? identifiers = null)
    {
        var tokens = Tokens(text);
        var index = 0;
        var value = ConstantExpressionEvaluator.Evaluate(tokens, ref index, identifiers ?? (_ => null), null);
        Assert.Equal(tokens.Count - 1, index);
        return value;
    }

    private static IntegerValue EvalDirective(string text) =>
        ConstantExpressionEvaluator.EvaluateDirective(Tokens(text), new SourceLocation("/e.h", 1, 1));

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 2 - 3", 5)]
    [InlineData("100 / 10 / 5", 2)]
    [InlineData("1 << 2 + 1", 8)]
    [InlineData("1 | 2 ^ 3 & 4", 3)]
    [InlineData("2 < 3 == 1", 1)]
    [InlineData("1 + 2 == 3 && 4 > 5 || 6", 1)]
    [InlineData("!0 + ~0", 0)]
    [InlineData("-7 / 2", -3)]
    [InlineData("-7 % 2", -1)]
    [InlineData("- - 5", 5)]
    [InlineData("+3", 3)]
    [InlineData("~5 & 0xF", 10)]
    public void Evaluator_HonoursCPrecedenceAndAssociativity(string text, long expected)
    {
        Assert.Equal(expected, Eval(text).AsSigned);
    }

    [Theory]
    [InlineData("1 ? 2 : 3", 2)]
    [InlineData("0 ? 2 : 3", 3)]
    [InlineData("0 ? 1 : 0 ? 2 : 3", 3)]
    [InlineData("1 ? 0 ? 4 : 5 : 6", 5)]
    public void Evaluator_TernaryIsRightAssociative(string text, long expected)
    {
        Assert.Equal(expected, Eval(text).AsSigned);
    }

    [Fact]
    public void Evaluator_TernaryHasCommonType()
    {
        var value = Eval("1 ? -1 : 0u");
        Assert.Equal(IntegerKind.UInt, value.Kind);
        Assert.Equal(4294967295UL, value.Bits);
    }

    [Fact]
    public void Evaluator_ShiftIntoSignBitOfInt()
    {
        var value = Eval("1 << 31");
        Assert.Equal(IntegerKind.Int, value.Kind);
        Assert.Equal(int.MinValue, value.AsSigned);
    }

    [Fact]
    public void Evaluator_UnsignedShiftKeepsUnsignedType()
    {
        var value = Eval("1u << 31");
        Assert.Equal(IntegerKind.UInt, value.Kind);
        Assert.Equal(2147483648UL, value.Bits);
    }

    [Fact]
    public void Evaluator_RightShiftOfNegativeIsArithmetic()
    {
        Assert.Equal(-4, Eval("-16 >> 2").AsSigned);
    }

    [Fact]
    public void Evaluator_RightShiftOfUnsignedIsLogical()
    {
        var value = Eval("0x80000000 >> 4");
        Assert.Equal(IntegerKind.UInt, value.Kind);
        Assert.Equal(0x08000000UL, value.Bits);
    }

    [Fact]
    public void Evaluator_LongShiftDoesNotTruncate()
    {
        var value = Eval("1L << 40");
        Assert.Equal(IntegerKind.Long, value.Kind);
        Assert.Equal(1099511627776L, value.AsSigned);
    }

    [Fact]
    public void Evaluator_IntArithmeticWrapsAt32Bits()
    {
        var value = Eval("0xFFFFFFFF + 1");
        Assert.Equal(IntegerKind.UInt, value.Kind);
        Assert.Equal(0UL, value.Bits);
    }

    [Fact]
    public void Evaluator_UnsignedComparisonConvertsNegative()
    {
        Assert.Equal(1, Eval("-1 > 0u").AsSigned);
        Assert.Equal(0, Eval("-1 > 0L").AsSigned);
    }

    [Fact]
    public void Evaluator_DirectiveArithmeticIs64Bit()
    {
        Assert.Equal(0x100000000UL, EvalDirective("0xFFFFFFFF + 1").Bits);
        Assert.False(EvalDirective("-1 > 0u").IsZero);
        Assert.False(EvalDirective("-1 < 0").IsZero);
    }

    [Fact]
    public void Evaluator_DirectiveTreatsIdentifiersAsZero()
    {
        Assert.True(EvalDirective("SOMETHING").IsZero);
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("1 % 0")]
    [InlineData("5 / (2 - 2)")]
    public void Evaluator_DivisionByZeroThrows(string text)
    {
        var e = Assert.Throws<ConstantExpressionException>(() => Eval(text));
        Assert.Contains("division by zero", e.Message);
    }

    [Theory]
    [InlineData("0 && 1 / 0", 0)]
    [InlineData("1 || 1 / 0", 1)]
    [InlineData("0 ? 1 / 0 : 7", 7)]
    [InlineData("1 ? 7 : 1 % 0", 7)]
    public void Evaluator_UnevaluatedOperandMayDivideByZero(string text, long expected)
    {
        Assert.Equal(expected, Eval(text).AsSigned);
    }

    [Fact]
    public void Evaluator_MinIntDividedByMinusOneDoesNotThrow()
    {
        Assert.Equal(long.MinValue, Eval("(-9223372036854775807L - 1) / -1").AsSigned);
    }

    [Theory]
    [InlineData("'a'", 97)]
    [InlineData("'\\n'", 10)]
    [InlineData("'\\x41'", 65)]
    [InlineData("'\\0'", 0)]
    [InlineData("'\\''", 39)]
    [InlineData("'\\\\'", 92)]
    [InlineData("'\\101'", 65)]
    [InlineData("'\\377'", -1)] // plain char is signed on x86_64
    [InlineData("L'\\xff'", 255)]
    [InlineData("'ab'", 0x6162)]
    public void Evaluator_CharConstantsAreInts(string text, long expected)
    {
        var value = Eval(text);
        Assert.Equal(IntegerKind.Int, value.Kind);
        Assert.Equal(expected, value.AsSigned);
    }

    [Fact]
    public void Evaluator_LooksUpIdentifiers()
    {
        var value = Eval("A * 2 + B", t => t.Text switch { "A" => IntegerValue.Int(20), "B" => IntegerValue.Int(2), _ => null });
        Assert.Equal(42, value.AsSigned);
    }

    [Fact]
    public void Evaluator_UnknownIdentifierThrowsWithLocation()
    {
        var e = Assert.Throws<ConstantExpressionException>(() => Eval("1 + nope"));
        Assert.Contains("'nope' is not a constant", e.Message);
        Assert.Equal(new SourceLocation("/e.h", 1, 5), e.Location);
    }

    [Fact]
    public void Evaluator_StopsAtTokenThatEndsTheExpression()
    {
        var tokens = Tokens("1 + 2, 3");
        var index = 0;
        var value = ConstantExpressionEvaluator.Evaluate(tokens, ref index, _ => null, null);
        Assert.Equal(3, value.AsSigned);
        Assert.Equal(",", tokens[index].Text);
    }

    [Theory]
    [InlineData("1 +")]
    [InlineData("(1")]
    [InlineData("1 ? 2")]
    [InlineData("1.5")]
    [InlineData("\"s\"")]
    public void Evaluator_MalformedExpressionThrows(string text)
    {
        Assert.Throws<ConstantExpressionException>(() => Eval(text));
    }

    [Fact]
    public void Evaluator_DirectiveRejectsTrailingTokens()
    {
        var e = Assert.Throws<ConstantExpressionException>(() => EvalDirective("1 2"));
        Assert.Contains("unexpected '2'", e.Message);
    }

    [Fact]
    public void Evaluator_DirectiveRejectsEmptyExpression()
    {
        Assert.Throws<ConstantExpressionException>(() => EvalDirective(""));
    }

    [Fact]
    public void Evaluator_SizeofNeedsATypeOracle()
    {
        Assert.Throws<ConstantExpressionException>(() => Eval("sizeof(int)"));
    }
}
