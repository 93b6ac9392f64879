using CliWrap.Buffered;

namespace Interop.Package.Tests;

/// <summary>
/// A folder outside the repository holding consumer projects copied from Consumers/, with a nuget.config that
/// adds the test feed to the machine's sources, and the version under test as the InteropVersion property.
/// </summary>
internal sealed class ConsumerWorkspace
{
    private static readonly string Templates = Path.Combine(PackageFeed.RepositoryRoot, "tests", "Interop.Package.Tests", "Consumers");
    private readonly PackageFeed _feed;

    private ConsumerWorkspace(PackageFeed feed, string root)
    {
        _feed = feed;
        Root = root;
    }

    public string Root { get; }

    /// <summary>A fresh workspace with the named template folders (e.g. "ConsoleApp", "native/geometry").</summary>
    public static async Task<ConsumerWorkspace> CreateAsync(string name, params string[] templates)
    {
        var feed = await PackageFeed.GetAsync();
        var root = Path.Combine(feed.Root, "consumers", name);
        Directory.CreateDirectory(root);
        foreach (var template in templates)
        {
            TreeCopy.Copy(Path.Combine(Templates, template), Path.Combine(root, template), new HashSet<string> { "bin", "obj" });
        }

        // No <clear/>: the machine's own sources stay, for xunit, Moq and the rest. The machine's package folder is
        // a read-only fallback, so those need no download; our packages (a version it cannot hold) come from the feed.
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machineCache)
            ? $"""
                <fallbackPackageFolders>
                  <add key="machine" value="{machineCache}" />
                </fallbackPackageFolders>
              """
            : "";
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="interop-under-test" value="{feed.Directory}" />
              </packageSources>
            {fallback}
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <InteropVersion>{feed.Version}</InteropVersion>
              </PropertyGroup>
            </Project>
            """);
        return new ConsumerWorkspace(feed, root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public Task<BufferedCommandResult> DotnetAsync(string directory, params string[] arguments) =>
        Dotnet.RunAsync(PathOf(directory), arguments, _feed.PackageCache, TimeSpan.FromMinutes(10));

    /// <summary>Runs dotnet and fails the test, with the output, unless it exits with 0.</summary>
    public async Task<BufferedCommandResult> DotnetSucceedsAsync(string directory, params string[] arguments)
    {
        var result = await DotnetAsync(directory, arguments);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} in {directory}: {Dotnet.Describe(result)}");
        return result;
    }
}
