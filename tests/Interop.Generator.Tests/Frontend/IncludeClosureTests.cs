using Interop.Build.Tasks;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Frontend;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Frontend;

/// <summary>
/// The files the build hands the generator: every file the preprocessor can read, found without preprocessing.
/// Proven on real system headers: bound from only their closure, they give the bindings the whole disk gives.
/// </summary>
public sealed class IncludeClosureTests
{
    private static readonly IReadOnlyList<string> System = CompilerSearchPath.Find(null, "x86_64-linux-gnu").Directories;

    private static string? Disk(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    [Theory]
    [InlineData("/usr/include/zlib.h")]
    [InlineData("/usr/include/png.h")]
    [InlineData("/usr/include/x86_64-linux-gnu/curl/curl.h")]
    [InlineData("/usr/include/ncurses.h")]
    [InlineData("/usr/include/openssl/ssl.h")]
    public void BoundFromItsClosureAlone_AHeader_GivesTheBindingsOfTheWholeDisk(string header)
    {
        Assert.True(File.Exists(header), $"{header} is missing (see .ci/run for the package)");
        var closure = IncludeClosure.Find(header, new IncludeSearch([], System), Disk).ToHashSet();
        var request = BindingRequest.Create(header, "lib", "N", "Lib", systemIncludeDirectories: System);

        var fromDisk = HeaderCompiler.Compile(request, Disk);
        var fromClosure = HeaderCompiler.Compile(request, path => closure.Contains(path) ? Disk(path) : null);

        Assert.Empty(fromClosure.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        Assert.Equal(BindingsEmitter.Emit(fromDisk.Model!).Select(f => f.Text), BindingsEmitter.Emit(fromClosure.Model!).Select(f => f.Text));
        Assert.InRange(closure.Count, 2, 1000); // the closure, not all of /usr/include
    }

    [Fact]
    public void BothBranches_IncludeNext_AndHasInclude_AreFollowed_ButCommentedIncludesAreNot()
    {
        var files = new Dictionary<string, string>
        {
            ["/src/a.h"] = "#if X\n#include \"x.h\"\n#else\n# include <y.h>\n#endif\n/* #include \"never.h\" */\n#if __has_include(<maybe.h>)\n#endif\n#include <wrap.h>\n",
            ["/src/x.h"] = "",
            ["/src/never.h"] = "",
            ["/inc/y.h"] = "",
            ["/inc/maybe.h"] = "",
            ["/inc/wrap.h"] = "#include_next <wrap.h>\n",
            ["/sys/wrap.h"] = "",
        };

        var closure = IncludeClosure.Find("/src/a.h", new IncludeSearch(["/inc"], ["/sys"]), files.GetValueOrDefault);

        Assert.Equal(new[] { "/src/a.h", "/inc/maybe.h", "/inc/wrap.h", "/sys/wrap.h", "/inc/y.h", "/src/x.h" }.Order(), closure.Order());
    }

    [Fact]
    public void NamesFoundNowhere_AreReported_NotFatal()
    {
        var files = new Dictionary<string, string> { ["/src/a.h"] = "#ifdef _WIN32\n#include <windows.h>\n#endif\n" };
        var unresolved = new List<string>();

        var closure = IncludeClosure.Find("/src/a.h", new IncludeSearch([], []), files.GetValueOrDefault, unresolved);

        Assert.Equal(["/src/a.h"], closure);
        Assert.Equal(["windows.h"], unresolved);
    }
}
