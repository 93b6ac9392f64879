using Interop.Generator.Frontend;

namespace Interop.Generator.Tests.Frontend;

/// <summary>The search order of clang and GCC, on an in-memory file set.</summary>
public sealed class IncludeSearchTests
{
    private static readonly HashSet<string> Files =
    [
        "/src/a.h", "/src/local.h", "/inc/local.h", "/inc/only.h", "/sys1/wrap.h", "/sys2/wrap.h", "/sys1/only.h", "/sys2/deep/x.h",
    ];

    private static readonly IncludeSearch Search = new(["/inc"], ["/sys1", "/sys2/"]);

    private static IncludeHit? Find(string name, bool angled, string from, int fromIndex = -1, bool next = false) =>
        Search.Find(name, angled, from, fromIndex, next, Files.Contains);

    [Fact]
    public void Quoted_LooksBesideTheIncluderFirst() => Assert.Equal(new IncludeHit("/src/local.h", -1), Find("local.h", false, "/src/a.h"));

    [Fact]
    public void Angled_SkipsTheIncludersDirectory() => Assert.Equal(new IncludeHit("/inc/local.h", 0), Find("local.h", true, "/src/a.h"));

    [Fact]
    public void IncludeDirectories_ComeBeforeSystemDirectories() => Assert.Equal(new IncludeHit("/inc/only.h", 0), Find("only.h", true, "/src/a.h"));

    [Fact]
    public void IncludeNext_ContinuesAfterTheDirectoryTheFileWasFoundIn()
    {
        var first = Find("wrap.h", true, "/src/a.h");
        Assert.Equal(new IncludeHit("/sys1/wrap.h", 1), first);

        Assert.Equal(new IncludeHit("/sys2/wrap.h", 2), Find("wrap.h", true, first!.Value.Path, first.Value.DirectoryIndex, next: true));
        Assert.Null(Find("only.h", true, first.Value.Path, first.Value.DirectoryIndex, next: true));
    }

    [Fact]
    public void AnIncludeDirectoryThatIsASystemOne_KeepsItsSystemPlace()
    {
        var search = new IncludeSearch(["/sys2", "/inc"], ["/sys1", "/sys2"]);

        Assert.Equal(["/inc/", "/sys1/", "/sys2/"], search.Directories);
        Assert.Equal(2, search.SystemDirectoryCount);
    }

    [Fact]
    public void Subdirectories_AndDotDot_AreNormalized() => Assert.Equal(new IncludeHit("/sys2/deep/x.h", 2), Find("deep/../deep/x.h", true, "/src/a.h"));

    [Fact]
    public void AMissingName_IsNull() => Assert.Null(Find("nowhere.h", false, "/src/a.h"));
}
