using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.Bindgen;

/// <summary>What the user asked for on the command line, with paths made absolute.</summary>
internal sealed record BindgenOptions(
    string Header,
    string OutputDirectory,
    IReadOnlyList<string> IncludeDirectories,
    IReadOnlyList<string> Defines,
    string? Library,
    string? Namespace,
    string? ClassName,
    string? Target = null,
    IReadOnlyList<string>? VariadicForms = null,
    IReadOnlyList<string>? Handles = null,
    bool HandleHeuristics = true,
    IReadOnlyList<string>? Spans = null,
    bool Ambient = true,
    IReadOnlyList<string>? SuppressGCTransition = null);

/// <summary>Runs the generator's core on files from disk and writes what the generator would add to a compilation.</summary>
internal static class BindgenRunner
{
    public static int Run(BindgenOptions options, TextWriter output, TextWriter error)
    {
        var request = BindingRequest.Create(
            ToGeneratorPath(options.Header),
            options.Library,
            options.Namespace,
            options.ClassName,
            options.IncludeDirectories.Select(d => ToGeneratorPath(Path.GetFullPath(d))),
            options.Defines,
            options.Target,
            options.VariadicForms,
            options.Handles,
            options.HandleHeuristics,
            options.Spans,
            options.Ambient,
            options.SuppressGCTransition);

        var result = HeaderCompiler.Compile(request, ReadFile);
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (result.Model is null || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return 1;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        foreach (var file in BindingsEmitter.Emit(result.Model))
        {
            var path = Path.Combine(options.OutputDirectory, file.HintName);
            File.WriteAllText(path, file.Text);
            output.WriteLine(path);
        }

        return 0;
    }

    /// <summary>Forward slashes, as the generator sees AdditionalFiles paths, so diagnostics and output agree.</summary>
    private static string ToGeneratorPath(string path) => path.Replace('\\', '/');

    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
