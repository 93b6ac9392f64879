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

    [Fact]
    public void VoidPointers_AreLeftAlone()
    {
        Assert.Empty(Bind("*(data,length)").Functions.Single(f => f.Name == "opaque").Spans);
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
