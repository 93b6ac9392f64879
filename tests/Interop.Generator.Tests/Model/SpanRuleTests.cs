using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Model;

/// <summary>The span rule: pointer and length parameter pairs the user names become one span parameter.</summary>
public sealed class SpanRuleTests
{
    private const string Header = """
        #include <stddef.h>
        int hash(const unsigned char* data, size_t length, int seed);
        int fill(int* out, int count);
        int copy(const char* from, size_t from_len, char* to, size_t to_len);
        int opaque(void* data, size_t length);
        long sum_long(const int* data, long length);
        unsigned long sum_ulong(const int* data, unsigned long length);
        int sum_int(const int* data, int length);
        int sum_short(const int* data, unsigned short length);
        int sum_schar(const int* data, signed char length);
        int sum_uint64(const int* data, unsigned long long length);
        int scaled(const int* data, double length);
        int callback_table(int (**data)(void), size_t length);
        """;

    private static BindingModel Bind(params string[] rules) =>
        TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", spans: rules), Header).Model!;

    [Fact]
    public void NamedFunctionRule_AppliesToThatFunctionOnly()
    {
        var model = Bind("hash(data,length)");

        var pair = Assert.Single(model.Functions.Single(f => f.Name == "hash").Spans);
        Assert.Equal(("data", "length", "byte", true, "nuint"), (pair.Pointer, pair.Length, TypeText.Of(pair.ElementType), pair.ReadOnly, TypeText.Of(pair.LengthType)));
        Assert.All(model.Functions.Where(f => f.Name != "hash"), f => Assert.Empty(f.Spans));
    }

    [Fact]
    public void WildcardRules_MatchByParameterNames_AndConstnessPicksTheSpanKind()
    {
        var model = Bind("*(out,count)", "*(from,from_len)", "*(to,to_len)");

        Assert.False(Assert.Single(model.Functions.Single(f => f.Name == "fill").Spans).ReadOnly);
        var copy = model.Functions.Single(f => f.Name == "copy").Spans;
        Assert.Equal([("from", true), ("to", false)], copy.Select(p => (p.Pointer, p.ReadOnly)));
    }

    private static HeaderResult Compile(params string[] rules) =>
        TestHeaders.Compile(BindingRequest.Create(TestHeaders.MainPath, "t", "T", "T", spans: rules), Header);

    [Fact]
    public void VoidPointers_AreLeftAlone_WithAWarningAtTheFunction()
    {
        var result = Compile("*(data,length)");

        Assert.Empty(result.Model!.Functions.Single(f => f.Name == "opaque").Spans);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1500" && d.Message.Contains("'opaque'"));
        Assert.Equal(Interop.Generator.Diagnostics.DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal((TestHeaders.MainPath, 5), (warning.Location.File, warning.Location.Line));
        Assert.Contains("void*", warning.Message);
    }

    [Theory]
    [InlineData("sum_long", "global::System.Runtime.InteropServices.CLong")]
    [InlineData("sum_ulong", "global::System.Runtime.InteropServices.CULong")]
    [InlineData("sum_int", "int")]
    [InlineData("sum_short", "ushort")]
    [InlineData("sum_schar", "sbyte")]
    [InlineData("sum_uint64", "ulong")]
    public void EveryIntegerLength_IsTaken(string function, string lengthType)
    {
        var pair = Assert.Single(Bind("*(data,length)").Functions.Single(f => f.Name == function).Spans);

        Assert.Equal(("data", "length", lengthType), (pair.Pointer, pair.Length, TypeText.Of(pair.LengthType)));
    }

    [Fact]
    public void LengthsNarrowerThanInt_AreConvertedChecked_AndCLongThroughItsConstructor()
    {
        var text = BindingsEmitter.Emit(Bind("*(data,length)"))[0].Text;

        Assert.Contains("return sum_long(dataPointer, new global::System.Runtime.InteropServices.CLong((nint)data.Length));", text);
        Assert.Contains("return sum_ulong(dataPointer, new global::System.Runtime.InteropServices.CULong((nuint)data.Length));", text);
        Assert.Contains("return sum_int(dataPointer, data.Length);", text);
        Assert.Contains("return sum_short(dataPointer, checked((ushort)data.Length));", text);
        Assert.Contains("return sum_schar(dataPointer, checked((sbyte)data.Length));", text);
        Assert.Contains("return sum_uint64(dataPointer, (ulong)data.Length);", text);
    }

    [Fact]
    public void PairsThatCannotBeSpans_AreReported_NotDroppedSilently()
    {
        var result = Compile("*(data,length)", "sum_int(data,count)");
        var messages = result.Diagnostics.Where(d => d.Id == "INTEROP1500").Select(d => d.Message).ToList();

        Assert.Contains(messages, m => m.Contains("'scaled'") && m.Contains("the length 'length' is double, not an integer"));
        Assert.Contains(messages, m => m.Contains("'callback_table'") && m.Contains("'data' is not a data pointer"));
        Assert.Contains(messages, m => m.Contains("'sum_int(data,count)'") && m.Contains("has no parameter named 'count'"));
        // The wildcard says nothing about functions that lack one of its names.
        Assert.DoesNotContain(messages, m => m.Contains("'fill'") || m.Contains("'copy'"));
        Assert.Equal(4, messages.Count);
    }

    [Fact]
    public void TheOverload_PinsTheSpansAndPassesTheirLengths()
    {
        var text = BindingsEmitter.Emit(Bind("*(from,from_len)", "*(to,to_len)"))[0].Text;

        Assert.Contains("public static int copy(global::System.ReadOnlySpan<sbyte> from, global::System.Span<sbyte> to)", text);
        Assert.Contains("fixed (sbyte* fromPointer = from)", text);
        Assert.Contains("return copy(fromPointer, (nuint)from.Length, toPointer, (nuint)to.Length);", text);
    }
}
