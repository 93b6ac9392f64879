using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// The generator acts only where Interop.props set <c>InteropEnabled=true</c>: NuGet hands the analyzer to
/// projects that got the package transitively (without build/), and a user can turn it off.
/// </summary>
public sealed class EnablementTests
{
    // Broken on purpose: an enabled generator reports INTEROP1xxx errors for it.
    private const string Broken = "int f(;\nunknown_t g(void);\n";

    [Fact]
    public void Enabled_BindsAndReports()
    {
        var result = Driver([Header("/src/a.h", Broken)]).RunGenerators(Compilation()).GetRunResult().Results.Single();

        Assert.NotEmpty(result.Diagnostics);
    }

    [Theory]
    [InlineData("false")] // the user's switch
    [InlineData("")]      // a project without Interop.props: the property is not set
    public void WithoutTheMarker_NothingIsGenerated_AndNothingReported(string enabled)
    {
        var items = new[] { Header("/src/a.h", Broken), Header("/src/b.h", "int b(int x);"), Include("/src/c.h", "int c;") };

        var result = Driver(items, globalProperties: new Dictionary<string, string> { ["InteropEnabled"] = enabled })
            .RunGenerators(Compilation()).GetRunResult().Results.Single();

        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }
}
