namespace Interop.Package.Tests;

/// <summary>
/// The package's two generator builds, chosen by the SDK from the compiler: a consumer compiled by
/// Microsoft.Net.Compilers.Toolset 4.14.0 gets the roslyn4.14 build (DllImport forwarders) and runs; a compiler
/// older than both gets exactly one INTEROP0010 instead of silently missing bindings.
/// </summary>
public sealed class CompilerConsumerTests
{
    [Fact]
    public async Task AConsumerCompiledByRoslyn414_GetsTheFallbackBuild_AndRuns()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("roslyn414", "Roslyn414", "native/geometry");

        var run = await workspace.DotnetSucceedsAsync("Roslyn414", "run");

        Assert.Contains("geometry_distance=7", run.StandardOutput);
        Assert.Contains("GEOMETRY_VERSION=3", run.StandardOutput);
        Assert.Contains("facade=7", run.StandardOutput);
        Assert.Contains("crc32=3610a686", run.StandardOutput);
        var generated = Directory.GetFiles(workspace.PathOf("Roslyn414/obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("Interop.Generator", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        Assert.NotEmpty(generated);
        Assert.Contains(generated, text => text.Contains("DllImport", StringComparison.Ordinal));
        Assert.DoesNotContain(generated, text => text.Contains("LibraryImport(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACompilerOlderThanBothBuilds_GetsExactlyOneInterop0010()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("old-compiler", "OldCompiler");

        var build = await workspace.DotnetAsync("OldCompiler", "build", "-p:CompilerApiVersion=roslyn4.8");

        Assert.NotEqual(0, build.ExitCode);
        var errors = build.StandardOutput.Split('\n')
            .Where(line => line.Contains(": error ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Distinct()
            .ToList();
        var error = Assert.Single(errors);
        Assert.Contains("error INTEROP0010", error);
        Assert.Contains("Roslyn 4.8", error);
    }
}
