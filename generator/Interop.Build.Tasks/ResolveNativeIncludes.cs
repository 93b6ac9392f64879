using Interop.Generator.Frontend;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Interop.Build.Tasks;

/// <summary>
/// Finds, for each <c>NativeHeader</c>, the files its includes can reach, the way the C compiler would:
/// beside the including file, then its IncludeDirectories, then the system's include directories (asked of
/// the C compiler, <see cref="CompilerSearchPath"/>). The generator does no file I/O, so these files (and
/// only these, not all of /usr/include) are handed to it as AdditionalFiles, with the system directories
/// as metadata so that its own resolver searches them in the same order.
/// </summary>
public sealed class ResolveNativeIncludes : Microsoft.Build.Utilities.Task
{
    /// <summary>The NativeHeader items, with their IncludeDirectories, Target and SystemIncludeDirectories metadata.</summary>
    [Required]
    public ITaskItem[] Headers { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Files already given to the generator (NativeHeader and NativeInclude items), not to be added twice.</summary>
    public ITaskItem[] KnownFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project directory: relative include directories are relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>InteropIncludeDirectories: include directories of every header.</summary>
    public string? IncludeDirectories { get; set; }

    /// <summary>InteropTarget: the target of headers without Target metadata.</summary>
    public string? DefaultTarget { get; set; }

    /// <summary>InteropSystemIncludes: false turns the system directories off (the builtin headers stand in).</summary>
    public bool SystemIncludes { get; set; } = true;

    /// <summary>InteropSystemIncludeDirectories: given, they replace the directories asked of the compiler.</summary>
    public string? SystemIncludeDirectories { get; set; }

    /// <summary>InteropCCompiler: the compiler to ask (default cc, then clang, then gcc).</summary>
    public string? CCompiler { get; set; }

    /// <summary>The headers again, their DiagnosticSeverities metadata set from the .editorconfig files that apply to them, and SystemIncludeDirectories to the directories searched ('|' separated).</summary>
    [Output]
    public ITaskItem[] ResolvedHeaders { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>Every file the headers' includes can reach that is not already known, as full paths.</summary>
    [Output]
    public ITaskItem[] IncludedFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var known = new HashSet<string>(KnownFiles.Select(f => Normalize(f.GetMetadata("FullPath"))), StringComparer.Ordinal);
        var included = new List<string>();
        var resolved = new List<ITaskItem>();
        foreach (var header in Headers)
        {
            var path = Normalize(header.GetMetadata("FullPath"));
            var target = FirstNonEmpty(header.GetMetadata("Target"), DefaultTarget, "x86_64-linux-gnu")!;
            var system = SystemDirectories(header, target);
            var search = new IncludeSearch(Split(header.GetMetadata("IncludeDirectories")).Concat(Split(IncludeDirectories)).Select(Absolute), system);
            var unresolved = new List<string>();
            var closure = IncludeClosure.Find(path, search, ReadFile, unresolved);
            Log.LogMessage(MessageImportance.Low, $"{path}: {closure.Count} files reachable through includes; search path {string.Join(", ", search.Directories)}");
            if (unresolved.Count > 0)
            {
                // Not an error here: a name in a branch never taken may be missing. The generator reports the ones it reaches.
                Log.LogMessage(MessageImportance.Low, $"{path}: not found, and reported by the generator if reached: {string.Join(", ", unresolved.Distinct())}");
            }

            foreach (var file in closure.Where(f => !known.Contains(f) && !included.Contains(f)))
            {
                included.Add(file);
            }

            var copy = new TaskItem(header);
            copy.SetMetadata("SystemIncludeDirectories", string.Join("|", system));
            copy.SetMetadata("DiagnosticSeverities", string.Join("|", EditorConfigSeverities.For(path, ReadFile)));
            resolved.Add(copy);
        }

        ResolvedHeaders = resolved.ToArray();
        IncludedFiles = included.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
        return !Log.HasLoggedErrors;
    }

    private IReadOnlyList<string> SystemDirectories(ITaskItem header, string target)
    {
        var given = Split(header.GetMetadata("SystemIncludeDirectories")).Concat(Split(SystemIncludeDirectories)).Select(Absolute).ToList();
        if (given.Count > 0 || !SystemIncludes)
        {
            return given;
        }

        var found = CompilerSearchPath.Find(CCompiler, target);
        Log.LogMessage(MessageImportance.Low, $"System include directories for {target} from {found.Source}: {string.Join(", ", found.Directories)}");
        return found.Directories;
    }

    private string Absolute(string directory) =>
        Normalize(Path.IsPathRooted(directory) ? directory : Path.Combine(ProjectDirectory, directory));

    private static string Normalize(string path) => PathText.Normalize(path.Replace('\\', '/'));

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(new[] { ';', '|' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

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
