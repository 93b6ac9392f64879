using CliWrap;
using CliWrap.Buffered;
using Interop.Bindgen;
using Interop.Generator.Options;
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
        var exit = BindgenRunner.Run(RepositoryPaths.CoreHeader, _output, CoreOptions(), TextWriter.Null, TextWriter.Null);
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
        Assert.Equal(0, BindgenRunner.Run(RepositoryPaths.CoreHeader, _output, CoreOptions(), TextWriter.Null, TextWriter.Null));

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
        await File.WriteAllTextAsync(header, "int fine(void);\nint broken(int x;\n");

        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "interop-bindgen.dll"), header, "-o", Path.Combine(_output, "out")])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Assert.Equal(1, result.ExitCode);
        var path = header.Replace('\\', '/');
        Assert.Contains($"{path}:2:17: error INTEROP1010: expected ')' but found ';'", result.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_output, "out")), "no bindings are written for a header with errors");
    }

    [Fact]
    public void IncludeDirectoriesAndDefines_ReachThePreprocessor()
    {
        var include = Directory.CreateDirectory(Path.Combine(_output, "inc")).FullName;
        File.WriteAllText(Path.Combine(include, "shared.h"), "typedef unsigned short id_t16;\n");
        var header = Path.Combine(_output, "api.h");
        File.WriteAllText(header, "#include <shared.h>\n#if WITH_EXTRA == 2\nint extra(id_t16 id);\n#endif\n");
        var options = new OptionValues()
            .Add(BindingOptions.IncludeDirectories, include).Add(BindingOptions.Defines, "WITH_EXTRA=2")
            .Add(BindingOptions.Library, "api").Add(BindingOptions.Namespace, "Api").Add(BindingOptions.Class, "ApiLib");

        Assert.Equal(0, BindgenRunner.Run(header, _output, options, TextWriter.Null, TextWriter.Null));

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

    [Fact]
    public void MalformedEntries_AreErrorsNamingTheHeaderAndTheEntry_NotDropped()
    {
        var error = new StringWriter();

        var exit = BindgenCommand.Create(TextWriter.Null, error).Parse(
            [RepositoryPaths.CoreHeader, "-o", Path.Combine(_output, "out"), "--handle", "s", "--span", "f", "--variadic", "printf"]).Invoke();

        Assert.Equal(1, exit);
        var header = RepositoryPaths.CoreHeader.Replace('\\', '/');
        Assert.Contains($"error INTEROP1050: NativeHeader '{header}': Handles (--handle) entry 's' is malformed; expected TYPE=RELEASE_FUNCTION", error.ToString());
        Assert.Contains("Spans (--span) entry 'f' is malformed; expected FUNCTION(POINTER,LENGTH)", error.ToString());
        Assert.Contains("VariadicForms (--variadic) entry 'printf' is malformed", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(_output, "out")));
    }

    [Fact]
    public void MissingInclude_IsOneLocatedError_NotItsFollowOnErrors()
    {
        var header = Path.Combine(_output, "lib.h");
        File.WriteAllText(header, "#include \"config.h\"\nZEXTERN int ZEXPORT f OF((int x));\nstruct s { undefined_t a; };\n");
        var error = new StringWriter();

        var exit = BindgenCommand.Create(TextWriter.Null, error).Parse([header, "-o", Path.Combine(_output, "out")]).Invoke();

        Assert.Equal(1, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{header.Replace('\\', '/')}:1:2: error INTEROP1002: 'config.h' file not found", line);
    }

    [Fact]
    public void TheCommandsOptions_AreTheOptionTablesFlags()
    {
        var command = BindgenCommand.Create(TextWriter.Null, TextWriter.Null);

        var flags = command.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n is not ("--output" or "--help" or "--version")).Order();

        Assert.Equal(BindingOptions.All.Where(o => o.CliFlag is not null).Select(o => o.CliFlag!).Order(), flags);
        Assert.Contains(command.Options, o => o.Name == "--include-directory" && o.Aliases.Contains("-I"));
    }

    private static OptionValues CoreOptions() =>
        new OptionValues().Add(BindingOptions.Library, "interop_core").Add(BindingOptions.Namespace, "Calculator.Native").Add(BindingOptions.Class, "Core");
}
