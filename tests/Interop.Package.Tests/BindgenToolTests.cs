namespace Interop.Package.Tests;

/// <summary>Scenario (d): Interop.Bindgen installed as users install a tool, and run on headers.</summary>
public sealed class BindgenToolTests
{
    [Fact]
    public async Task InstalledTool_BindsAHeader_AndReportsABrokenOneAtItsLine()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("bindgen-tool", "native/geometry");
        var feed = await PackageFeed.GetAsync();
        var tools = workspace.PathOf("tools");
        await workspace.DotnetSucceedsAsync(".", "tool", "install", "Interop.Bindgen", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Directory);
        var bindgen = Path.Combine(tools, "interop-bindgen");

        var bound = await Tool(workspace, bindgen, "native/geometry/geometry.h", "-o", "out", "--library", "geometry", "--namespace", "G.Native", "--class", "Geometry");

        Assert.True(bound.ExitCode == 0, Dotnet.Describe(bound));
        var bindings = File.ReadAllText(workspace.PathOf("out/G.Native.Geometry.g.cs"));
        Assert.Contains("LibraryImport(LibraryName, EntryPoint = \"geometry_distance\")", bindings);
        Assert.Contains("public const int GEOMETRY_VERSION = 3;", bindings);
        Assert.True(File.Exists(workspace.PathOf("out/G.Native.Geometry.Facade.g.cs")));

        File.WriteAllText(workspace.PathOf("broken.h"), "int fine(void);\nint broken(int x;\n");
        var broken = await Tool(workspace, bindgen, "broken.h", "-o", "broken-out");

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"{workspace.PathOf("broken.h")}:2:17: error INTEROP1010", broken.StandardError);
    }

    private static Task<CliWrap.Buffered.BufferedCommandResult> Tool(ConsumerWorkspace workspace, string tool, params string[] arguments) =>
        CliWrap.Buffered.BufferedCommandExtensions.ExecuteBufferedAsync(
            CliWrap.Cli.Wrap(tool).WithArguments(arguments).WithWorkingDirectory(workspace.Root).WithValidation(CliWrap.CommandResultValidation.None));
}
