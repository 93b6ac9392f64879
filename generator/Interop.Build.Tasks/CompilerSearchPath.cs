using System.Collections.Concurrent;
using System.Diagnostics;

namespace Interop.Build.Tasks;

/// <summary>System include directories for a target, and where they came from (for messages).</summary>
internal sealed record SystemIncludeSearch(IReadOnlyList<string> Directories, string Source);

/// <summary>
/// The system's default include directories, found as a C compiler finds them: by asking it
/// (<c>cc -E -Wp,-v -x c -</c> prints its <c>#include &lt;...&gt;</c> search list), trying cc, clang and gcc in turn,
/// and falling back to the standard directories of the target when no compiler answers. Used by the
/// MSBuild task and by the CLI, so both search the same directories.
/// </summary>
internal static class CompilerSearchPath
{
    private static readonly ConcurrentDictionary<(string?, string), SystemIncludeSearch> Cache = new();

    /// <summary>The directories for <paramref name="target"/> (a triple such as x86_64-linux-gnu), asking <paramref name="compiler"/> first when given.</summary>
    public static SystemIncludeSearch Find(string? compiler, string target) =>
        Cache.GetOrAdd((compiler, target), key => Discover(key.Item1, key.Item2));

    private static SystemIncludeSearch Discover(string? compiler, string target)
    {
        var candidates = string.IsNullOrWhiteSpace(compiler) ? new[] { "cc", "clang", "gcc" } : new[] { compiler!.Trim() };
        foreach (var candidate in candidates)
        {
            var machine = Run(candidate, "-dumpmachine", out _)?.Trim();
            if (machine is null)
            {
                continue;
            }

            // A compiler for another machine would hand this target the wrong C library's headers.
            if (!SameTarget(machine, target))
            {
                if (!candidate.Contains("clang") || Run(candidate, $"--target={target} -E -Wp,-v -x c -", out var crossLog) is null)
                {
                    continue;
                }

                var cross = Parse(crossLog);
                if (cross.Count > 0 && cross.Any(d => d.Contains(target)))
                {
                    return new SystemIncludeSearch(cross, $"{candidate} --target={target} -E -Wp,-v");
                }

                continue;
            }

            if (Run(candidate, "-E -Wp,-v -x c -", out var log) is not null)
            {
                var directories = Parse(log);
                if (directories.Count > 0)
                {
                    return new SystemIncludeSearch(directories, $"{candidate} -E -Wp,-v");
                }
            }
        }

        return new SystemIncludeSearch(StandardDirectories(target), $"the standard directories for {target}");
    }

    /// <summary>The <c>#include &lt;...&gt;</c> search list of a <c>-Wp,-v</c> log (GCC's and clang's form), made absolute.</summary>
    public static IReadOnlyList<string> Parse(string log)
    {
        var directories = new List<string>();
        var inList = false;
        foreach (var raw in log.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("#include <...> search starts here:", StringComparison.Ordinal))
            {
                inList = true;
                continue;
            }

            if (line.StartsWith("End of search list.", StringComparison.Ordinal))
            {
                break;
            }

            if (!inList || !line.StartsWith(" ", StringComparison.Ordinal))
            {
                continue;
            }

            var directory = line.Trim();
            if (directory.EndsWith("(framework directory)", StringComparison.Ordinal))
            {
                continue; // Apple frameworks are not include directories
            }

            directories.Add(Path.GetFullPath(directory).Replace('\\', '/').TrimEnd('/'));
        }

        return directories.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Debian's and most Linux distributions' layout: /usr/local/include, the multiarch directory, /usr/include; those that exist.</summary>
    public static IReadOnlyList<string> StandardDirectories(string target)
    {
        if (!target.Contains("linux"))
        {
            return Array.Empty<string>(); // no C library of Windows or macOS lives at a standard path here
        }

        var multiarch = new[] { $"/usr/{target}/include", $"/usr/include/{target}" }.Where(Directory.Exists).ToList();
        if (multiarch.Count == 0 && !SameTarget(HostTriple(), target))
        {
            return Array.Empty<string>(); // /usr/include belongs to the host; without the target's own headers it would mislead
        }

        return new[] { "/usr/local/include" }.Concat(multiarch).Concat(new[] { "/usr/include" }).Where(Directory.Exists).ToList();
    }

    private static string HostTriple() =>
        (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64") + "-linux-gnu";

    /// <summary>x86_64-pc-linux-gnu and x86_64-linux-gnu are one target: compare the architecture and the system.</summary>
    private static bool SameTarget(string machine, string target)
    {
        static (string Arch, string System) Split(string triple)
        {
            var parts = triple.Split('-');
            var arch = parts[0] == "arm64" ? "aarch64" : parts[0];
            var system = triple.Contains("linux") ? "linux" : triple.Contains("darwin") || triple.Contains("apple") ? "darwin" : triple.Contains("windows") || triple.Contains("mingw") ? "windows" : triple;
            return (arch, system);
        }

        return Split(machine) == Split(target);
    }

    /// <summary>Runs a compiler with empty standard input; its standard output, or null when it cannot run or fails. Its standard error goes to <paramref name="log"/>.</summary>
    private static string? Run(string compiler, string arguments, out string log)
    {
        log = "";
        try
        {
            var start = new ProcessStartInfo(compiler, arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                return null;
            }

            log = error.Result;
            return process.ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null; // not installed
        }
    }
}
