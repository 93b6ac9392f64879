namespace Interop.Package.Tests;

/// <summary>Copies a directory tree, leaving out folders by name (build output, .git).</summary>
internal static class TreeCopy
{
    public static void Copy(string from, string to, IReadOnlySet<string> skippedFolders)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (!skippedFolders.Contains(Path.GetFileName(directory)))
            {
                Copy(directory, Path.Combine(to, Path.GetFileName(directory)), skippedFolders);
            }
        }
    }
}
