using CliWrap.Buffered;

namespace Interop.Build.Tests;

/// <summary>
/// Builds a small console project that uses <c>CMakeProject</c> items, with the real dotnet, cmake and
/// C compiler, and with tools deliberately missing from PATH to check the one clear error each gives.
/// </summary>
public sealed class CMakeIntegrationTests : IDisposable
{
    private static readonly string Root = Consumers.Dotnet.Root;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("interop-build-test-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Build_CompilesTheCCore_AndTheProgramCallsIt()
    {
        var project = CreateProject();

        var result = await Dotnet(project, ["run"], Environment.GetEnvironmentVariable("PATH")!);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("my_add=30", result.StandardOutput);
        var output = Path.Combine(project, "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "libinterop_core.so")));
        Assert.True(File.Exists(Path.Combine(output, "runtimes", "linux-x64", "native", "libinterop_core.so")));
    }

    [Fact]
    public async Task SecondBuild_DoesNotReconfigureCMake()
    {
        var project = CreateProject();
        var first = await Dotnet(project, ["build", "-v:n"], Environment.GetEnvironmentVariable("PATH")!);
        Assert.True(first.ExitCode == 0, first.StandardOutput);
        Assert.Contains("-DCMAKE_BUILD_TYPE=Release", first.StandardOutput);

        var second = await Dotnet(project, ["build", "-v:n"], Environment.GetEnvironmentVariable("PATH")!);

        Assert.True(second.ExitCode == 0, second.StandardOutput);
        Assert.DoesNotContain("-DCMAKE_BUILD_TYPE=Release", second.StandardOutput);
    }

    [Fact]
    public async Task TargetAddedWithItsCMakeLists_IsBuiltOnTheNextBuild()
    {
        // A library of the project's own, built once with one target; then a second target is added to its
        // CMakeLists.txt and to Targets, as a user does. make alone would answer "No rule to make target".
        var project = Directory.CreateDirectory(Path.Combine(_work.FullName, "grow")).FullName;
        var native = Directory.CreateDirectory(Path.Combine(project, "native")).FullName;
        File.WriteAllText(Path.Combine(native, "alpha.c"), "int alpha(void) { return 1; }\n");
        File.WriteAllText(Path.Combine(native, "beta.c"), "int beta(void) { return 2; }\n");
        var cmakeLists = Path.Combine(native, "CMakeLists.txt");
        File.WriteAllText(cmakeLists, "cmake_minimum_required(VERSION 3.20)\nproject(grow C)\nadd_library(alpha SHARED alpha.c)\n");
        File.WriteAllText(Path.Combine(project, "grow.csproj"), ConsumerProject(native, "alpha"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"built\");\n");
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Packages.props"), "<Project />");
        var first = await Dotnet(project, ["build"], Environment.GetEnvironmentVariable("PATH")!);
        Assert.True(first.ExitCode == 0, first.StandardOutput);

        File.AppendAllText(cmakeLists, "add_library(beta SHARED beta.c)\n");
        File.WriteAllText(Path.Combine(project, "grow.csproj"), ConsumerProject(native, "alpha;beta"));
        var second = await Dotnet(project, ["build"], Environment.GetEnvironmentVariable("PATH")!);

        Assert.True(second.ExitCode == 0, second.StandardOutput);
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "libbeta.so")));
    }

    [Fact]
    public async Task MissingCMake_IsOneErrorThatSaysWhatToInstall()
    {
        var project = CreateProject();

        var result = await Dotnet(project, ["build"], ToolDirectory("dotnet", "sh"));

        Assert.NotEqual(0, result.ExitCode);
        var errors = DistinctErrors(result.StandardOutput);
        var error = Assert.Single(errors);
        Assert.Contains("error INTEROP0001: CMake was not found on PATH", error);
        Assert.Contains("sudo apt-get install cmake build-essential", error);
        Assert.DoesNotContain("MSB6003", result.StandardOutput); // the shell itself ran: only cmake was missing
    }

    [Fact]
    public async Task MissingCCompiler_IsOneErrorThatSaysWhatToInstall()
    {
        var project = CreateProject();

        var result = await Dotnet(project, ["build"], ToolDirectory("dotnet", "sh", "cmake", "make"));

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(DistinctErrors(result.StandardOutput));
        Assert.True(error.Contains("error INTEROP0002: No working C compiler was found", StringComparison.Ordinal), result.StandardOutput);
        Assert.Contains("build-essential", error);
    }

    private string CreateProject()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_work.FullName, "app")).FullName;
        File.WriteAllText(Path.Combine(directory, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RepoRoot>{Root}/</RepoRoot>
              </PropertyGroup>
              <ItemGroup>
                <CMakeProject Include="{Root}/" Targets="interop_core" />
              </ItemGroup>
              <Import Project="{Root}/generator/Interop.Generator/build/Interop.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System.Runtime.InteropServices;
            System.Console.WriteLine($"my_add={Native.my_add(10, 20)}");
            static partial class Native
            {
                [DllImport("interop_core")] public static extern int my_add(int x, int y);
            }
            """);
        // Keep the repository's Directory.Build.props and central package management out of the way.
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    private static string ConsumerProject(string cmakeSource, string targets) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <CMakeProject Include="{cmakeSource}/" Targets="{targets}" />
          </ItemGroup>
          <Import Project="{Root}/generator/Interop.Generator/build/Interop.targets" />
        </Project>
        """;

    /// <summary>A PATH holding only the named tools, as symbolic links to the real ones.</summary>
    private string ToolDirectory(params string[] tools)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work.FullName, "bin")).FullName;
        foreach (var tool in tools)
        {
            var real = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, tool))
                .First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(bin, tool), Path.GetFullPath(real));
        }

        return bin;
    }

    private static Task<BufferedCommandResult> Dotnet(string project, string[] arguments, string path) => Consumers.Dotnet.Run(project, arguments, path);

    private static List<string> DistinctErrors(string output) => Consumers.Dotnet.DistinctErrors(output);
}
