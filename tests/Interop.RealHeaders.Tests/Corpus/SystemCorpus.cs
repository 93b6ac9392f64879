using Interop.RealHeaders.Tests.Clang;

namespace Interop.RealHeaders.Tests.Corpus;

/// <summary>
/// The system headers the corpus binds: every <c>.h</c> under a root (normally /usr/include) that clang-14 accepts
/// on its own, read with the include directories clang itself searches, its own resource directory first so that
/// compiler-provided headers (stddef.h, immintrin.h, cpuid.h) are found.
/// </summary>
public static class SystemCorpus
{
    /// <summary>clang-14's default search list for C on x86_64 Debian, as <c>clang-14 -v -E -x c /dev/null</c> prints it.</summary>
    public static IReadOnlyList<string> IncludeDirectories { get; } =
    [
        "/usr/lib/llvm-14/lib/clang/" + ClangVersionDirectory() + "/include",
        "/usr/local/include",
        "/usr/include/x86_64-linux-gnu",
        "/usr/include",
    ];

    /// <summary>Every header under <paramref name="root"/>, sorted by ordinal path so that samples are deterministic.</summary>
    public static IReadOnlyList<string> Headers(string root) =>
        Directory.EnumerateFiles(root, "*.h", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None })
            .Where(p => !p.Contains("/c++/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether clang-14 accepts the header by itself as C (its default dialect, warnings off).</summary>
    public static async Task<bool> ClangAcceptsAsync(string header)
    {
        var result = await Clang14.RunAsync(["-x", "c", "-fsyntax-only", "-w", "-ferror-limit=1", header], "/");
        return result.ExitCode == 0;
    }

    /// <summary>Every <paramref name="step"/>-th item of a sorted list: a sample that is the same on every run over the same files.</summary>
    public static IReadOnlyList<T> EveryNth<T>(IReadOnlyList<T> items, int count) =>
        count >= items.Count ? items : Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count)]).ToList();

    private static string ClangVersionDirectory()
    {
        const string parent = "/usr/lib/llvm-14/lib/clang";
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent).Select(Path.GetFileName).Order(StringComparer.Ordinal).LastOrDefault() ?? "14"
            : "14";
    }
}
