namespace Interop.Generator.Tests.Model;

/// <summary><c>static const</c> integer definitions become C# constants like <c>#define</c> ones; the rest get a located INTEROP1022 saying why.</summary>
public sealed class StaticConstantTests
{
    private const string Header = """
        typedef unsigned long flags_t;
        enum color { red, green = 5 };
        static const int FOO = 3;
        static const unsigned long BAR = 1UL << 4;
        static const flags_t FLAGS = BAR | 2;
        static const enum color FAVOURITE = green;
        static int counter = 0;
        static const double RATIO = 1.5;
        static const char *const NAME = "x";
        static const int ADDRESS_BASED = (int)sizeof(struct never_defined *) + FOO;
        """;

    [Fact]
    public void IntegerConstants_AreBound_WithTheirValues()
    {
        var result = TestHeaders.Compile(Header);

        Assert.Empty(result.Errors());
        var constants = result.Model!.Constants.ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal("3", constants["FOO"]);
        Assert.Equal("16UL", constants["BAR"].ToUpperInvariant());
        Assert.Equal("18UL", constants["FLAGS"].ToUpperInvariant());
        Assert.Equal("5", constants["FAVOURITE"]);
    }

    [Theory]
    [InlineData("counter", 7, "not const")]
    [InlineData("RATIO", 8, "not an integer type")]
    [InlineData("NAME", 9, "not an integer type")]
    public void OtherStaticVariables_GetALocatedInfo_SayingWhy(string name, int line, string why)
    {
        var result = TestHeaders.Compile(Header);

        var info = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1022" && d.Message.Contains($"'{name}'"));
        Assert.Equal((TestHeaders.MainPath, line), (info.Location.File, info.Location.Line));
        Assert.Contains(why, info.Message);
        Assert.DoesNotContain(result.Model!.Constants, c => c.Name == name);
    }
}
