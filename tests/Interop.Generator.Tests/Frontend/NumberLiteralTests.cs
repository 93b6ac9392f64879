using Interop.Generator.Frontend;
using Interop.Generator.Syntax;

namespace Interop.Generator.Tests.Frontend;

/// <summary>C11 6.4.4.1: the type of an integer constant is the first of a list that can represent it.</summary>
public class NumberLiteralTests
{
    private static IntegerValue Parse(string text)
    {
        Assert.True(NumberLiteral.TryParseInteger(text, out var value), text);
        return value;
    }

    [Theory]
    [InlineData("0", IntegerKind.Int, 0UL)]
    [InlineData("2147483647", IntegerKind.Int, 2147483647UL)]
    [InlineData("2147483648", IntegerKind.Long, 2147483648UL)] // decimal: int, long, long long
    [InlineData("0x7FFFFFFF", IntegerKind.Int, 0x7FFFFFFFUL)]
    [InlineData("0x80000000", IntegerKind.UInt, 0x80000000UL)] // hex: int, unsigned int, long, ...
    [InlineData("0xFFFFFFFF", IntegerKind.UInt, 0xFFFFFFFFUL)]
    [InlineData("0x100000000", IntegerKind.Long, 0x100000000UL)]
    [InlineData("4294967296", IntegerKind.Long, 4294967296UL)]
    [InlineData("9223372036854775807", IntegerKind.Long, 9223372036854775807UL)]
    [InlineData("0xFFFFFFFFFFFFFFFF", IntegerKind.ULong, ulong.MaxValue)]
    [InlineData("037777777777", IntegerKind.UInt, 0xFFFFFFFFUL)] // octal follows the hex rule
    [InlineData("1u", IntegerKind.UInt, 1UL)]
    [InlineData("1U", IntegerKind.UInt, 1UL)]
    [InlineData("4294967296u", IntegerKind.ULong, 4294967296UL)]
    [InlineData("1L", IntegerKind.Long, 1UL)]
    [InlineData("1l", IntegerKind.Long, 1UL)]
    [InlineData("1LL", IntegerKind.Long, 1UL)]
    [InlineData("1ULL", IntegerKind.ULong, 1UL)]
    [InlineData("1ul", IntegerKind.ULong, 1UL)]
    [InlineData("1LU", IntegerKind.ULong, 1UL)]
    [InlineData("0x1fULL", IntegerKind.ULong, 0x1FUL)]
    [InlineData("010", IntegerKind.Int, 8UL)]
    [InlineData("0b101", IntegerKind.Int, 5UL)]
    [InlineData("1'000'000", IntegerKind.Int, 1000000UL)]
    public void NumberLiteral_HasC11Type(string text, IntegerKind kind, ulong bits)
    {
        var value = Parse(text);
        Assert.Equal(kind, value.Kind);
        Assert.Equal(bits, value.Bits);
    }

    [Theory]
    [InlineData("08")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("0x")]
    [InlineData("1uu")]
    [InlineData("1lul")]
    [InlineData("0xG")]
    [InlineData("18446744073709551616")]
    public void NumberLiteral_RejectsNonIntegers(string text)
    {
        Assert.False(NumberLiteral.TryParseInteger(text, out _));
    }

    [Fact]
    public void NumberLiteral_MinusOneAsIntReadsAsNegative()
    {
        var value = IntegerValue.Int(-1);
        Assert.Equal(-1, value.AsSigned);
        Assert.Equal(0xFFFFFFFFFFFFFFFFUL, value.Bits);
        Assert.Equal(4294967295UL, value.ConvertTo(IntegerKind.UInt).Bits);
        Assert.Equal("-1", value.ToString());
    }

    [Theory]
    [InlineData(IntegerKind.Int, IntegerKind.UInt, IntegerKind.UInt)]
    [InlineData(IntegerKind.UInt, IntegerKind.Long, IntegerKind.Long)] // long holds every unsigned int on LP64
    [InlineData(IntegerKind.Long, IntegerKind.ULong, IntegerKind.ULong)]
    [InlineData(IntegerKind.Int, IntegerKind.Int, IntegerKind.Int)]
    public void IntegerValue_CommonTypeFollowsUsualArithmeticConversions(IntegerKind a, IntegerKind b, IntegerKind expected)
    {
        Assert.Equal(expected, IntegerValue.Common(a, b));
        Assert.Equal(expected, IntegerValue.Common(b, a));
    }

    [Theory]
    [InlineData("'a'", 97)]
    [InlineData("u8'a'", 97)]
    [InlineData("'\\t'", 9)]
    [InlineData("'\\e'", 27)]
    [InlineData("'\\x7f'", 127)]
    [InlineData("'\\x80'", -128)]
    [InlineData("U'\\x1F600'", 0x1F600)]
    public void NumberLiteral_ParsesCharConstants(string text, long expected)
    {
        Assert.True(NumberLiteral.TryParseChar(text, out var value));
        Assert.Equal(expected, value.AsSigned);
    }

    [Theory]
    [InlineData("''")]
    [InlineData("'\\x'")]
    [InlineData("'a")]
    public void NumberLiteral_RejectsMalformedCharConstants(string text)
    {
        Assert.False(NumberLiteral.TryParseChar(text, out _));
    }
}
