using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Interop.Build.Tests;

/// <summary>
/// Real <c>dotnet build</c>s of throwaway projects with <c>NativeHeader</c> items: system headers found as the C
/// compiler finds them, and the header's diagnostics as the user sees them (located, silenced by NoWarn and by .editorconfig).
/// </summary>
public sealed class NativeHeaderBuildTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("interop-header-build-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task SystemHeaders_BindWithNoOtherItem_AndOnlyTheirIncludeClosureReachesTheCompiler()
    {
        // png.h needs glibc's setjmp.h, which no builtin header stands in for: it binds only if the system directories are found.
        var project = CreateProject(
            """
            <NativeHeader Include="/usr/include/zlib.h" Library="z" Class="Zlib" />
            <NativeHeader Include="/usr/include/png.h" Library="png16" Class="Png" />
            """,
            "System.Console.WriteLine($\"zlib={App.Zlib.ZLIB_VERNUM:x} png={App.Png.PNG_LIBPNG_VER}\");");

        var result = await Dotnet(project, "run");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Matches(@"zlib=[0-9a-f]{4} png=1\d{4}", result.StandardOutput);
        var config = File.ReadAllText(Directory.GetFiles(Path.Combine(project, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single());
        var files = Regex.Matches(config, @"^\[(/[^\]]+)\]$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/usr/include/setjmp.h", files);
        Assert.Contains("/usr/include/zconf.h", files);
        Assert.DoesNotContain("/usr/include/sqlite3.h", files);
        Assert.InRange(files.Count, 10, 400); // the closure, not all of /usr/include
        Assert.Contains("build_metadata.AdditionalFiles.InteropSystemIncludeDirectories = ", config);
    }

    [Fact]
    public async Task BrokenHeaders_FailTheBuild_WithOneErrorEach_AtTheHeadersFileLineAndColumn()
    {
        var project = CreateProject(
            """
            <NativeHeader Include="broken.h" Library="broken" Class="Broken" />
            <NativeHeader Include="missing.h" Library="missing" Class="Missing" />
            """,
            "System.Console.WriteLine();");
        File.WriteAllText(Path.Combine(project, "broken.h"), "int fine(void);\nint broken(int x;\n");
        // As zlib.h without zconf.h: without the fatal stop, every line after the include is an error.
        File.WriteAllText(Path.Combine(project, "missing.h"), "#include \"zconf_absent.h\"\nZEXTERN int ZEXPORT deflate OF((z_streamp strm, int flush));\nstruct s { uLong a; };\n");

        var result = await Dotnet(project, "build");

        Assert.NotEqual(0, result.ExitCode);
        var errors = DistinctErrors(result.StandardOutput);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(project, "broken.h") + "(2,17): error INTEROP1010: expected ')' but found ';'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(project, "missing.h") + "(1,2): error INTEROP1002: 'zconf_absent.h' file not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWarning_IsLocated_AndSilencedByNoWarn_AndByEditorconfig()
    {
        var project = CreateProject("""<NativeHeader Include="careful.h" Library="careful" Class="Careful" />""", "System.Console.WriteLine();");
        File.WriteAllText(Path.Combine(project, "careful.h"), "int ok(void);\n#warning mind the gap\n");
        var warning = Path.Combine(project, "careful.h") + "(2,2): warning INTEROP1005: #warning mind the gap";

        var plain = await Dotnet(project, "build");
        var noWarn = await Dotnet(project, "build", "-p:NoWarn=INTEROP1005");
        File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.h]\ndotnet_diagnostic.INTEROP1005.severity = none\n");
        var editorconfig = await Dotnet(project, "build");

        Assert.True(plain.ExitCode == 0, plain.StandardOutput);
        Assert.Contains(warning, plain.StandardOutput);
        Assert.True(noWarn.ExitCode == 0, noWarn.StandardOutput);
        Assert.DoesNotContain("INTEROP1005", noWarn.StandardOutput);
        Assert.True(editorconfig.ExitCode == 0, editorconfig.StandardOutput);
        Assert.DoesNotContain("INTEROP1005", editorconfig.StandardOutput);
    }

    private string CreateProject(string items, string program)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_work.FullName, "app")).FullName;
        File.WriteAllText(Path.Combine(directory, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Root}/generator/Interop.Generator/build/Interop.props" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>App</RootNamespace>
                <!-- No ambient accessor, so the bindings need no Interop.Runtime reference. -->
                <InteropAmbient>false</InteropAmbient>
              </PropertyGroup>
              <ItemGroup>
                {items}
                <ProjectReference Include="{Root}/generator/Interop.Generator/Interop.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{Root}/generator/Interop.Generator/build/Interop.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        // Keep the repository's Directory.Build.props and central package management out of the way.
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Packages.props"), "<Project />");
        return directory;
    }

    private static async Task<BufferedCommandResult> Dotnet(string project, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        return await Cli.Wrap("dotnet")
            .WithArguments([.. arguments, "--nologo", "-p:UseSharedCompilation=false", "-nodeReuse:false"])
            .WithWorkingDirectory(project)
            .WithEnvironmentVariables(e => e.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("MSBUILDDISABLENODEREUSE", "1"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>MSBuild repeats errors in its summary; count each distinct one once (without the project suffix).</summary>
    private static List<string> DistinctErrors(string output) =>
        Regex.Matches(output, @"^\s*(\S[^\r\n]*?: error [A-Z]+\d+:[^\r\n\[]*)", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found");
    }
}
