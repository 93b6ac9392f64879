using Interop.Generator;
using Interop.Generator.Emit.Shim;
using Interop.Generator.Frontend;
using Interop.Generator.Model;
using Interop.Generator.Options;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Interop.Build.Tasks;

/// <summary>
/// API mode's build half. The source generator cannot write files, so this task runs the same core
/// (<see cref="HeaderCompiler"/>, from the same request the generator builds) on each <c>NativeHeader</c> with
/// <c>Shim</c> metadata, writes the C wrappers of the resulting <see cref="ShimModel"/> and a CMakeLists.txt
/// beside them, and hands the folder back as a <c>CMakeProject</c>, so the existing CMake integration compiles
/// the shim and ships it beside the program. Both halves read one model, so the entry points the bindings
/// import are exactly the wrappers written. Files are rewritten only when their text changes, so CMake's
/// incremental build stays quiet.
/// </summary>
public sealed class WriteNativeShims : Microsoft.Build.Utilities.Task
{
    /// <summary>The NativeHeader items as the include task resolved them (SystemIncludeDirectories set).</summary>
    [Required]
    public ITaskItem[] Headers { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project directory: relative include directories are relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>Where the shims' sources go (under the intermediate output path).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>InteropIncludeDirectories: include directories of every header.</summary>
    public string? IncludeDirectories { get; set; }

    /// <summary>InteropTarget: the target of headers without Target metadata.</summary>
    public string? DefaultTarget { get; set; }

    /// <summary>InteropCCompiler, else the CC environment variable, else cc, clang or gcc on PATH: the compiler the shim needs.</summary>
    public string? CCompiler { get; set; }

    /// <summary>
    /// One item per header whose shim cannot be compiled for want of a C compiler, with File, Line, Column and Text
    /// metadata: the targets raise INTEROP1401 from them, at the first function that needs the shim.
    /// </summary>
    [Output]
    public ITaskItem[] MissingCompiler { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>One CMakeProject item per shim, with Targets set to its library.</summary>
    [Output]
    public ITaskItem[] ShimProjects { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var projects = new List<ITaskItem>();
        var missing = new List<ITaskItem>();
        foreach (var header in Headers.Where(h => !string.IsNullOrWhiteSpace(h.GetMetadata(BindingOptions.Shim.Name))))
        {
            var request = RequestFor(header);
            var result = HeaderCompiler.Compile(request, ReadFile);
            if (result.Model?.Shim is not { } shim)
            {
                // Nothing to wrap, or the header does not compile: the generator reports why, at the header.
                continue;
            }

            if (!HasCCompiler(out var tried))
            {
                var first = shim.Functions[0];
                var error = new TaskItem(header.ItemSpec);
                error.SetMetadata("File", first.Location.File);
                error.SetMetadata("Line", first.Location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                error.SetMetadata("Column", first.Location.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
                error.SetMetadata("Text", $"NativeHeader '{header.ItemSpec}' asks for the C shim (Shim=\"{header.GetMetadata(BindingOptions.Shim.Name)}\") to wrap {shim.Functions.Count} static inline function(s) or function-like macro(s) such as '{first.Name}', but no C compiler was found (tried {tried}). Install one (Debian/Ubuntu: 'sudo apt-get install build-essential'; Fedora: 'sudo dnf install gcc'; macOS: 'xcode-select --install'; Windows: the Visual Studio C++ workload), set InteropCCompiler or CC, or remove the Shim metadata.");
                missing.Add(error);
                continue;
            }

            var directory = Path.Combine(OutputDirectory, shim.LibraryName);
            Directory.CreateDirectory(directory);
            WriteIfChanged(Path.Combine(directory, "shim.c"), ShimSource.Write(shim));
            WriteIfChanged(Path.Combine(directory, "CMakeLists.txt"), ShimCMakeLists.Write(shim, request));
            Log.LogMessage(MessageImportance.Low, $"{header.ItemSpec}: shim {shim.LibraryName} wraps {string.Join(", ", shim.Functions.Select(f => f.Name))}");
            var project = new TaskItem(directory + Path.DirectorySeparatorChar);
            project.SetMetadata("Targets", shim.LibraryName);
            projects.Add(project);
        }

        ShimProjects = projects.ToArray();
        MissingCompiler = missing.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>The request the generator builds for the header (BindingsGenerator reads the same rows), include directories made absolute.</summary>
    private BindingRequest RequestFor(ITaskItem header)
    {
        var values = new OptionValues();
        foreach (var option in BindingOptions.All.Where(o => o.PerHeader))
        {
            var metadata = header.GetMetadata(option.Name);
            values.AddRange(option, option.Kind == OptionKind.List ? BindingOptions.SplitList(metadata) : new[] { metadata });
        }

        values.AddRange(BindingOptions.IncludeDirectories, BindingOptions.SplitList(IncludeDirectories));
        values.Replace(BindingOptions.IncludeDirectories, values.List(BindingOptions.IncludeDirectories).Select(Absolute).ToList());
        if (string.IsNullOrWhiteSpace(header.GetMetadata(BindingOptions.Target.Name)))
        {
            values.Add(BindingOptions.Target, DefaultTarget);
        }

        return BindingRequest.FromOptions(PathText.Normalize(header.GetMetadata("FullPath").Replace('\\', '/')), values);
    }

    private bool HasCCompiler(out string tried)
    {
        var candidates = new[] { CCompiler, Environment.GetEnvironmentVariable("CC") }.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        if (candidates.Count == 0)
        {
            // On Windows CMake finds MSVC through the Visual Studio installation, not PATH: leave the check to it.
            if (Path.DirectorySeparatorChar == '\\')
            {
                tried = "";
                return true;
            }

            candidates.AddRange(new[] { "cc", "clang", "gcc" });
        }

        tried = string.Join(", ", candidates);
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        return candidates.Any(c => Path.IsPathRooted(c) ? File.Exists(c) : path.Any(d => d.Length > 0 && File.Exists(Path.Combine(d, c))));
    }

    private string Absolute(string directory) =>
        PathText.Normalize((Path.IsPathRooted(directory) ? directory : Path.Combine(ProjectDirectory, directory)).Replace('\\', '/'));

    private static void WriteIfChanged(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
