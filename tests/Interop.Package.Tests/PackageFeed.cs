using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Interop.Package.Tests;

/// <summary>
/// One pack of the repository for every package test in this run: <c>dotnet pack -c Release -o FEED</c> in a copy
/// of the working tree (so running builds of the repository are not raced, and stale bin/obj folders cannot leak
/// in), with a version no cache has seen. Consumers restore from it with their own package cache.
/// </summary>
internal sealed partial class PackageFeed
{
    private const string RunFolderPrefix = "interop-package-tests-";
    private static readonly Lazy<Task<PackageFeed>> Shared = new(CreateAsync);

    private PackageFeed(string root, string version, TimeSpan packTime)
    {
        Root = root;
        Version = version;
        PackTime = packTime;
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Holds the feed, the package cache and the consumers of this run; removed when the run ends.</summary>
    public string Root { get; }

    public string Directory => Path.Combine(Root, "feed");

    /// <summary>The consumers' NUGET_PACKAGES: our packages are extracted here, never into the machine's cache.</summary>
    public string PackageCache => Path.Combine(Root, "packages");

    public string Version { get; }

    public TimeSpan PackTime { get; }

    /// <summary>The version the repository declares (Directory.Build.props), which the unique version extends.</summary>
    public static string DeclaredVersion { get; } = VersionPrefix().Match(File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"))).Groups[1].Value;

    public static Task<PackageFeed> GetAsync() => Shared.Value;

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Directory, $"{id}.{Version}.{extension}");

    private static async Task<PackageFeed> CreateAsync()
    {
        var version = $"{DeclaredVersion}-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        // The folder names the test host's process id: a test host is often ended without running ProcessExit, so
        // each run also removes the folders of runs whose process is gone.
        var root = System.IO.Directory.CreateTempSubdirectory($"{RunFolderPrefix}{Environment.ProcessId}-").FullName;
        if (Environment.GetEnvironmentVariable("INTEROP_KEEP_PACKAGE_TESTS") is not "1")
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
            foreach (var folder in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), RunFolderPrefix + "*"))
            {
                if (folder != root && !IsRunning(Path.GetFileName(folder)[RunFolderPrefix.Length..].Split('-')[0]))
                {
                    TryDelete(folder);
                }
            }
        }

        var source = Path.Combine(root, "source");
        // The working tree as a fresh clone would have it, plus uncommitted edits.
        TreeCopy.Copy(RepositoryRoot, source, new HashSet<string> { ".git", "bin", "obj", "artifacts", "TestResults" });
        var clock = Stopwatch.StartNew();
        var result = await Dotnet.RunAsync(source, ["pack", "-c", "Release", "-o", Path.Combine(root, "feed"), $"-p:Version={version}"], null, TimeSpan.FromMinutes(10));
        clock.Stop();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({result.ExitCode}):\n{Dotnet.Quote(result.StandardOutput)}\n{Dotnet.Quote(result.StandardError)}");
        }

        return new PackageFeed(root, version, clock.Elapsed);
    }

    private static bool IsRunning(string processId)
    {
        if (!int.TryParse(processId, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();
}
