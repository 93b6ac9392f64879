using Interop.Build.Tasks;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Interop.Generator.Options;

namespace Interop.Bindgen;

/// <summary>Runs the generator's core on files from disk and writes what the generator would add to a compilation.</summary>
internal static class BindgenRunner
{
    public static int Run(string header, string outputDirectory, OptionValues values, TextWriter output, TextWriter error)
    {
        values.Replace(BindingOptions.IncludeDirectories, values.List(BindingOptions.IncludeDirectories).Select(d => ToGeneratorPath(Path.GetFullPath(d))).ToList());
        values.Replace(BindingOptions.SystemIncludeDirectories, values.List(BindingOptions.SystemIncludeDirectories).Select(d => ToGeneratorPath(Path.GetFullPath(d))).ToList());
        // As a C compiler does: the system's include directories come after -I, asked of the compiler itself.
        if (values.IsOn(BindingOptions.SystemIncludes) && values.List(BindingOptions.SystemIncludeDirectories).Count == 0)
        {
            var target = values.Text(BindingOptions.Target) ?? Target.X64Linux.Triple;
            values.AddRange(BindingOptions.SystemIncludeDirectories, CompilerSearchPath.Find(values.Text(BindingOptions.CCompiler), target).Directories);
        }

        var request = BindingRequest.FromOptions(ToGeneratorPath(header), values);
        var result = HeaderCompiler.Compile(request, ReadFile);
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (result.Model is null || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return 1;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (var file in BindingsEmitter.Emit(result.Model))
        {
            var path = Path.Combine(outputDirectory, file.HintName);
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
