using System.Runtime.InteropServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// The program a pool starts as its workers. The pool appends <see cref="ProcessWorker.WorkerArgument"/>
/// to <see cref="Arguments"/>; the program must then call <see cref="ProcessWorker.Run"/>.
/// </summary>
public sealed class WorkerCommand
{
    private WorkerCommand(string targetFilePath, IReadOnlyList<string> arguments)
    {
        TargetFilePath = targetFilePath;
        Arguments = arguments;
    }

    /// <summary>The executable to start.</summary>
    public string TargetFilePath { get; }

    /// <summary>Arguments before the worker argument.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// This application again: its own executable for an apphost or Native AOT app, or
    /// <c>dotnet &lt;app&gt;.dll</c> when it was started through <c>dotnet</c>. Not usable from a test
    /// host, whose entry point is not yours (Interop.Testing provides a worker host for tests).
    /// </summary>
    public static WorkerCommand CurrentApp()
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("The path of the current executable is unknown.");
        if (!IsDotnetHost(processPath))
        {
            return new WorkerCommand(processPath, []);
        }

        // Started as "dotnet app.dll": the first command-line argument is the app's assembly.
        var entry = Environment.GetCommandLineArgs()[0];
        return new WorkerCommand(processPath, ["exec", entry]);
    }

    /// <summary>An executable with leading arguments.</summary>
    public static WorkerCommand Executable(string path, params IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new WorkerCommand(path, [.. arguments]);
    }

    /// <summary>
    /// A framework-dependent .NET assembly with a <c>Main</c>, run with <c>dotnet exec</c>, optionally with
    /// another application's runtime configuration and dependency file (how a test host's dependencies
    /// are made visible to a worker).
    /// </summary>
    public static WorkerCommand DotnetAssembly(string assemblyPath, string? runtimeConfigPath = null, string? depsFilePath = null, params IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        List<string> all = ["exec"];
        if (runtimeConfigPath is not null)
        {
            all.AddRange(["--runtimeconfig", runtimeConfigPath]);
        }

        if (depsFilePath is not null)
        {
            all.AddRange(["--depsfile", depsFilePath]);
        }

        all.Add(assemblyPath);
        all.AddRange(arguments);
        return new WorkerCommand(DotnetHostPath(), all);
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string DotnetHostPath()
    {
        if (Environment.ProcessPath is { } current && IsDotnetHost(current))
        {
            return current;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }
}
