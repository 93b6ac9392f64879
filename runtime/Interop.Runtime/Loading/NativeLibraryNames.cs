using System.Runtime.InteropServices;

namespace Interop.Runtime.Loading;

/// <summary>The file names a logical native library name can have on the current operating system.</summary>
public static class NativeLibraryNames
{
    /// <summary>
    /// Candidate file names for <paramref name="name"/>, most specific first: <c>interop_core</c> gives
    /// <c>libinterop_core.so</c> and <c>interop_core.so</c> on Linux, <c>.dylib</c> on macOS, <c>.dll</c> on Windows.
    /// A name that already carries an extension or a path is returned as is.
    /// </summary>
    public static IReadOnlyList<string> For(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (IsFileName(name))
        {
            return [name];
        }

        if (OperatingSystem.IsWindows())
        {
            return [name + ".dll", name];
        }

        var extension = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        return name.StartsWith("lib", StringComparison.Ordinal)
            ? [name + extension, "lib" + name + extension]
            : ["lib" + name + extension, name + extension];
    }

    private static bool IsFileName(string name) =>
        name.Contains('/') || name.Contains('\\') || name.Contains(".so.", StringComparison.Ordinal)
        || name.EndsWith(".so", StringComparison.Ordinal) || name.EndsWith(".dylib", StringComparison.Ordinal) || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The runtime identifier of this process's platform, as used in <c>runtimes/&lt;rid&gt;/native</c>.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The portable runtime identifier (<c>linux-x64</c>, <c>osx-arm64</c>, <c>win-x64</c>) for this process.</summary>
    public static string PortableRuntimeIdentifier
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return $"{os}-{arch}";
        }
    }
}
