using System.Text.RegularExpressions;

namespace Interop.Package.Tests;

/// <summary>
/// Scenario (a): a console app with the package, a NativeHeader of its own CMake-built C library and one of
/// /usr/include/zlib.h, and no other item, builds and prints what the native code returns.
/// </summary>
public sealed class ConsoleAppTests
{
    [Fact]
    public async Task HeadersOfItsOwnCLibraryAndOfZlib_BindBuildAndRun_AndAHeaderEditRebuilds()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("console-app", "ConsoleApp", "native/geometry");
        var feed = await PackageFeed.GetAsync();
        var project = workspace.PathOf("ConsoleApp/ConsoleApp.csproj");
        if (!File.Exists(Path.Combine(feed.Root, "source", "generator", "Interop.Generator", "build", "Interop.Includes.targets")))
        {
            // Until include discovery lands, the header zlib.h includes is named as an item.
            File.WriteAllText(project, File.ReadAllText(project).Replace(
                "</ItemGroup>", "  <NativeInclude Include=\"/usr/include/zconf.h\" />\n  </ItemGroup>", StringComparison.Ordinal));
        }

        var run = await workspace.DotnetSucceedsAsync("ConsoleApp", "run");

        var output = run.StandardOutput;
        Assert.Contains("geometry_distance=7", output);
        Assert.Contains("geometry_scale=30", output);
        Assert.Contains("GEOMETRY_VERSION=3", output);
        Assert.Contains("facade=7", output);
        Assert.Contains("crc32=3610a686", output); // CRC-32 of "hello"
        var zlibVersion = Regex.Match(File.ReadAllText("/usr/include/zlib.h"), "#define ZLIB_VERSION \"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"zlibVersion={zlibVersion}", output);
        Assert.Contains("edited=absent", output);
        Assert.True(File.Exists(workspace.PathOf("ConsoleApp/bin/Debug/net10.0/libgeometry.so")), "the CMake-built library is copied to the output");

        // An edited header reaches the next build: the header is an input of the compilation.
        File.AppendAllText(workspace.PathOf("native/geometry/geometry.h"), "\n#define GEOMETRY_EDITED 7\n");
        var rerun = await workspace.DotnetSucceedsAsync("ConsoleApp", "run");

        Assert.Contains("edited=7", rerun.StandardOutput);
    }
}
