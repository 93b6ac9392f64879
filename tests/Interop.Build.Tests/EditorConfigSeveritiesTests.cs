using Interop.Build.Tasks;

namespace Interop.Build.Tests;

/// <summary>The .editorconfig severities that apply to a header, read as an editor reads them.</summary>
public sealed class EditorConfigSeveritiesTests
{
    private static IReadOnlyList<string> For(string file, Dictionary<string, string> configs) =>
        EditorConfigSeverities.For(file, path => configs.GetValueOrDefault(path));

    [Fact]
    public void ASectionMatchingTheHeader_SetsItsSeverity_AndOthersDoNot()
    {
        var configs = new Dictionary<string, string>
        {
            ["/p/.editorconfig"] = "root = true\n[*.cs]\ndotnet_diagnostic.INTEROP1011.severity = none\n[*.{h,hpp}]\ndotnet_diagnostic.INTEROP1005.severity = none # quiet\n",
        };

        Assert.Equal(["INTEROP1005=none"], For("/p/include/calc.h", configs));
    }

    [Fact]
    public void NearerFilesWin_AndRootStopsTheWalk()
    {
        var configs = new Dictionary<string, string>
        {
            ["/.editorconfig"] = "[*]\ndotnet_diagnostic.INTEROP1021.severity = error\n",
            ["/p/.editorconfig"] = "root = true\n[*]\ndotnet_diagnostic.INTEROP1005.severity = none\ndotnet_diagnostic.INTEROP1007.severity = error\n",
            ["/p/include/.editorconfig"] = "[include/*.h]\ndotnet_diagnostic.INTEROP1007.severity = none\n[*.h]\ndotnet_diagnostic.INTEROP1005.severity = warning\n",
        };

        // include/*.h is relative to /p/include/, so it does not match /p/include/calc.h; *.h does.
        Assert.Equal(["INTEROP1005=warning", "INTEROP1007=error"], For("/p/include/calc.h", configs));
    }

    [Theory]
    [InlineData("*.h", "a/b/c.h", true)]
    [InlineData("*.h", "c.hpp", false)]
    [InlineData("src/*.h", "src/c.h", true)]
    [InlineData("src/*.h", "x/src/c.h", false)]
    [InlineData("/src/**.h", "src/a/b.h", true)]
    [InlineData("[ab].h", "b.h", true)]
    [InlineData("[!ab].h", "b.h", false)]
    public void Globs_FollowTheEditorconfigRules(string glob, string path, bool matches) =>
        Assert.Equal(matches, EditorConfigSeverities.Glob(glob).IsMatch(path));
}
