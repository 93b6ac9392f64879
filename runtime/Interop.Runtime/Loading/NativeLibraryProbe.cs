using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Interop.Runtime.Loading;

/// <summary>
/// Finds the native libraries an assembly imports next to that assembly, not only next to the
/// application: in <c>runtimes/&lt;rid&gt;/native/</c> (where the Interop build places them), beside the
/// assembly, and in the directories of the <c>INTEROP_NATIVE_PATH</c> environment variable. This is what
/// makes bindings work from a test host, a plugin folder or a tool that loads assemblies from elsewhere.
/// </summary>
public static class NativeLibraryProbe
{
    /// <summary>Environment variable with extra directories to search, separated like <c>PATH</c>.</summary>
    public const string SearchPathVariable = "INTEROP_NATIVE_PATH";

    private static readonly ConcurrentDictionary<Assembly, bool> Registered = new();

    /// <summary>
    /// Installs the probe as <paramref name="assembly"/>'s DllImport resolver. Safe to call more than once.
    /// Returns false when the assembly already has a resolver that is not ours (the runtime allows one).
    /// </summary>
    public static bool Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!Registered.TryAdd(assembly, true))
        {
            return true;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            Registered.TryRemove(assembly, out _);
            return false;
        }
    }

    /// <summary>
    /// Tries to load <paramref name="libraryName"/> from the probe's directories for <paramref name="assembly"/>.
    /// Returns <see cref="IntPtr.Zero"/> when it is not there, so the runtime's default search still runs.
    /// </summary>
    public static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        foreach (var directory in SearchDirectories(assembly))
        {
            foreach (var fileName in NativeLibraryNames.For(libraryName))
            {
                var candidate = Path.Combine(directory, fileName);
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The directories searched for <paramref name="assembly"/>'s native libraries, in order.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location falls back to AppContext.BaseDirectory.")]
    public static IEnumerable<string> SearchDirectories(Assembly assembly)
    {
        var extra = Environment.GetEnvironmentVariable(SearchPathVariable);
        if (!string.IsNullOrEmpty(extra))
        {
            foreach (var directory in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return directory;
            }
        }

        var home = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(home))
        {
            home = AppContext.BaseDirectory; // single-file and Native AOT apps have no assembly location
        }

        yield return Path.Combine(home, "runtimes", NativeLibraryNames.PortableRuntimeIdentifier, "native");
        if (NativeLibraryNames.RuntimeIdentifier != NativeLibraryNames.PortableRuntimeIdentifier)
        {
            yield return Path.Combine(home, "runtimes", NativeLibraryNames.RuntimeIdentifier, "native");
        }

        yield return home;
    }
}
