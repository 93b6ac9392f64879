using Interop.Build.Tests.Consumers;

namespace Interop.Build.Tests;

/// <summary>
/// Each build of the generator with the compilers it is for, in real <c>dotnet build</c>s of a consumer that
/// calls the C core: the Roslyn 4.14 fallback under Microsoft.Net.Compilers.Toolset 4.14.0 and under the SDK's
/// compiler, the primary build under the SDK's; and a compiler older than both, which gets one INTEROP0010.
/// </summary>
public sealed class CompilerVersionTests : IDisposable
{
    private const string ToolsetVersion = "4.14.0";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("interop-compiler-test-");

    public void Dispose() => _work.Delete(recursive: true);

    public static TheoryData<string, string> Builds => new()
    {
        { nameof(GeneratorSource.Fallback), "toolset" },
        { nameof(GeneratorSource.Fallback), "sdk" },
        { nameof(GeneratorSource.Primary), "sdk" },
    };

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Consumer_CompiledByTheCompiler_CallsTheCCore(string generatorName, string compilerName)
    {
        var generator = generatorName == nameof(GeneratorSource.Fallback) ? GeneratorSource.Fallback : GeneratorSource.Primary;
        var compiler = compilerName == "toolset" ? ConsumerCompiler.Toolset(ToolsetVersion) : ConsumerCompiler.Sdk;
        var project = CoreConsumer.Create(_work, "app", generator, compiler);

        var build = await Dotnet.Run(project, ["build", "-v:n"]);

        Assert.True(build.ExitCode == 0, build.StandardOutput + build.StandardError);
        var toolsetCompiler = $"microsoft.net.compilers.toolset/{ToolsetVersion}/tasks/netcore/bincore/csc.dll";
        Assert.Equal(compilerName == "toolset", build.StandardOutput.Contains(toolsetCompiler, StringComparison.OrdinalIgnoreCase));
        var generated = CoreConsumer.GeneratedSource(project);
        if (generator == GeneratorSource.Fallback)
        {
            Assert.Contains("DllImport(LibraryName, EntryPoint = \"interop_text_length\", ExactSpelling = true)", generated);
            Assert.DoesNotContain("LibraryImport(", generated);
        }
        else
        {
            Assert.Contains("LibraryImport(LibraryName, EntryPoint = \"interop_text_length\"", generated);
        }

        var run = await Dotnet.Run(project, ["bin/Debug/net10.0/app.dll"]);
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(CoreConsumer.ExpectedOutput, run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task ACompilerOlderThanRoslyn414_IsOneErrorNamingTheSdk()
    {
        var project = CoreConsumer.Create(_work, "old", GeneratorSource.Fallback, ConsumerCompiler.Sdk, buildNative: false);

        // The SDK's own CompilerApiVersion, as an older compiler's targets would set it (Roslyn 4.8 came with .NET 8).
        var build = await Dotnet.Run(project, ["build", "-p:CompilerApiVersion=roslyn4.8"]);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(Dotnet.DistinctErrors(build.StandardOutput));
        Assert.StartsWith("error INTEROP0010: This project is compiled by Roslyn 4.8 (CompilerApiVersion 'roslyn4.8')", error);
        Assert.Contains("9.0.300 or newer", error);
        Assert.Contains("docs/compiler-versions.md", error);
        Assert.Contains("old.csproj", build.StandardOutput.Split('\n').First(l => l.Contains("INTEROP0010", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnOlderCompiler_WithTheGeneratorSwitchedOff_IsNoError()
    {
        var project = CoreConsumer.Create(_work, "off", GeneratorSource.Fallback, ConsumerCompiler.Sdk, buildNative: false);

        var check = await Dotnet.Run(project, ["msbuild", "-t:InteropCheckCompilerVersion", "-p:CompilerApiVersion=roslyn4.8", "-p:InteropEnabled=false"]);
        var on = await Dotnet.Run(project, ["msbuild", "-t:InteropCheckCompilerVersion", "-p:CompilerApiVersion=roslyn4.8"]);

        Assert.True(check.ExitCode == 0, check.StandardOutput);
        Assert.DoesNotContain("INTEROP0010", check.StandardOutput);
        Assert.Contains("error INTEROP0010", on.StandardOutput); // the same call with the generator on does fail
    }

    [Fact]
    public async Task TheCompilersOwnVersion_PassesTheCheck()
    {
        var project = CoreConsumer.Create(_work, "check", GeneratorSource.Fallback, ConsumerCompiler.Toolset(ToolsetVersion), buildNative: false);

        // Only the check: restore, then the one target, with the version the toolset's own targets set.
        var restore = await Dotnet.Run(project, ["restore"]);
        Assert.True(restore.ExitCode == 0, restore.StandardOutput);
        var check = await Dotnet.Run(project, ["msbuild", "-t:InteropCheckCompilerVersion", "-getProperty:CompilerApiVersion"]);

        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        Assert.Equal("roslyn4.14", check.StandardOutput.Trim());
    }
}
