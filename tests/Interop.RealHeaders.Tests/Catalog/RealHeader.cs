namespace Interop.RealHeaders.Tests.Catalog;

/// <summary>
/// One library's public header as Debian installs it, and everything needed to bind it, judge it with
/// clang and load it: where it lives, which package provides it, which files are the library's own.
/// </summary>
public sealed record RealHeader(
    string Id,
    string DebianPackage,
    string HeaderPath,
    string ProbeInclude,
    IReadOnlyList<string> IncludeDirectories,
    IReadOnlyList<string> OwnFiles,
    string LibraryName,
    string SharedLibraryPath,
    string ClassName,
    IReadOnlyDictionary<string, string> UnexportedFunctions)
{
    /// <summary>The namespace the bindings are generated into; one per header so they can share a compilation.</summary>
    public string Namespace => "RealHeaders." + ClassName;

    /// <summary>
    /// Fails (never skips) when the header or its shared library is missing: a CI machine without the
    /// package must go red with the package's name, not green with nothing tested.
    /// </summary>
    public void RequireInstalled()
    {
        foreach (var path in new[] { HeaderPath, SharedLibraryPath })
        {
            if (!File.Exists(path))
            {
                Assert.Fail($"{path} is missing: install the Debian package '{DebianPackage}' (apt-get install {DebianPackage}).");
            }
        }
    }

    /// <summary>Whether clang reports <paramref name="file"/> as one of this library's own headers (a file or a directory prefix).</summary>
    public bool IsOwnFile(string file) =>
        OwnFiles.Any(own => own.EndsWith('/') ? file.StartsWith(own, StringComparison.Ordinal) : file == own);

    public override string ToString() => Id;
}
