using CliWrap;
using CliWrap.Buffered;
using Interop.Bindgen;
using Interop.Generator.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Interop.Generator.Tests.Cli;

public sealed class BindgenCliTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("bindgen-test-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void CliOutput_IsByteForByteTheGeneratorsOutput_ForTheCoreHeader()
    {
        var exit = BindgenRunner.Run(Options(RepositoryPaths.CoreHeader), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, exit);

        var header = GeneratorHarness.Header(RepositoryPaths.CoreHeader.Replace('\\', '/'), File.ReadAllText(RepositoryPaths.CoreHeader), "interop_core", "Calculator.Native", "Core");
        var generated = GeneratorHarness.Driver([header]).RunGenerators(GeneratorHarness.Compilation()).GetRunResult().Results.Single().GeneratedSources;

        var written = Directory.GetFiles(_output).Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(generated.Select(s => s.HintName).Order().ToList(), written);
        foreach (var source in generated)
        {
            Assert.Equal(source.SourceText.ToString(), File.ReadAllText(Path.Combine(_output, source.HintName)));
        }
    }

    [Fact]
    public void CliOutput_ForTheCoreHeader_CompilesWithZeroErrors()
    {
        Assert.Equal(0, BindgenRunner.Run(Options(RepositoryPaths.CoreHeader), TextWriter.Null, TextWriter.Null));

        var sources = Directory.GetFiles(_output).Select(File.ReadAllText).ToArray();
        var driver = GeneratorHarness.Driver([], withLibraryImport: true);
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(sources), out var compilation, out _);

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(compilation.SyntaxTrees, t => t.ToString().Contains("DllImportAttribute(\"interop_core\", EntryPoint = \"my_add\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenHeader_PrintsFileLineColumnDiagnostics_AndExitsWithOne()
    {
        var header = Path.Combine(_output, "broken.h");
        await File.WriteAllTextAsync(header, "int fine(void);\nint broken(int x;\n#include \"nowhere.h\"\n");

        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "interop-bindgen.dll"), header, "-o", Path.Combine(_output, "out")])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Assert.Equal(1, result.ExitCode);
        var path = header.Replace('\\', '/');
        Assert.Contains($"{path}:2:17: error INTEROP1010: expected ')' but found ';'", result.StandardError);
        Assert.Contains($"{path}:3:2: error INTEROP1002: 'nowhere.h' file not found", result.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_output, "out")), "no bindings are written for a header with errors");
    }

    [Fact]
    public void IncludeDirectoriesAndDefines_ReachThePreprocessor()
    {
        var include = Directory.CreateDirectory(Path.Combine(_output, "inc")).FullName;
        File.WriteAllText(Path.Combine(include, "shared.h"), "typedef unsigned short id_t16;\n");
        var header = Path.Combine(_output, "api.h");
        File.WriteAllText(header, "#include <shared.h>\n#if WITH_EXTRA == 2\nint extra(id_t16 id);\n#endif\n");
        var options = Options(header) with { IncludeDirectories = [include], Defines = ["WITH_EXTRA=2"], Library = "api", Namespace = "Api", ClassName = "ApiLib" };

        Assert.Equal(0, BindgenRunner.Run(options, TextWriter.Null, TextWriter.Null));

        var bindings = File.ReadAllText(Path.Combine(_output, "Api.ApiLib.g.cs"));
        Assert.Contains("public static partial int extra(ushort id);", bindings);
    }

    [Fact]
    public void CommandLine_ParsesRepeatedIncludeAndDefineOptions()
    {
        var header = Path.Combine(_output, "x.h");
        File.WriteAllText(header, "#include <a.h>\n#include <b.h>\n#if ONE && TWO == 2\nint both(void);\n#endif\n");
        Directory.CreateDirectory(Path.Combine(_output, "da"));
        Directory.CreateDirectory(Path.Combine(_output, "db"));
        File.WriteAllText(Path.Combine(_output, "da", "a.h"), "");
        File.WriteAllText(Path.Combine(_output, "db", "b.h"), "");
        var error = new StringWriter();

        var exit = BindgenCommand.Create(TextWriter.Null, error).Parse(
            [header, "-o", Path.Combine(_output, "out"), "-I", Path.Combine(_output, "da"), "-I", Path.Combine(_output, "db"), "-D", "ONE", "-D", "TWO=2", "--class", "X"]).Invoke();

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("int both()", File.ReadAllText(Path.Combine(_output, "out", "Interop.Bindings.X.g.cs")));
    }

    private BindgenOptions Options(string header) =>
        new(header, _output, [], [], "interop_core", "Calculator.Native", "Core");
}
