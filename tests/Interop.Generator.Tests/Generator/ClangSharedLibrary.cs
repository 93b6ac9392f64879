namespace Interop.Generator.Tests.Generator;

/// <summary>C source built by clang-14 into a shared library in a temporary folder, for tests that call generated bindings for real.</summary>
internal sealed class ClangSharedLibrary : IDisposable
{
    private readonly DirectoryInfo _directory;

    public ClangSharedLibrary(string name, string source)
    {
        _directory = Directory.CreateTempSubdirectory($"interop-{name}-");
        var file = System.IO.Path.Combine(_directory.FullName, name + ".c");
        File.WriteAllText(file, source);
        Path = System.IO.Path.Combine(_directory.FullName, $"lib{name}.so");
        using var clang = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("clang-14", ["-shared", "-fPIC", "-std=c11", "-Wall", "-Werror", "-o", Path, file]) { RedirectStandardError = true })!;
        var errors = clang.StandardError.ReadToEnd();
        clang.WaitForExit();
        if (clang.ExitCode != 0)
        {
            throw new InvalidOperationException($"clang-14 could not build the {name} library:\n" + errors);
        }
    }

    /// <summary>The built library's path, as the bindings' library name.</summary>
    public string Path { get; }

    public void Dispose() => _directory.Delete(recursive: true);
}
