namespace Interop.Generator.Tests;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string CoreHeader => Path.Combine(Root, "native", "include", "interop_core.h");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found above " + AppContext.BaseDirectory);
    }
}
