namespace Interop.Generator.Emit;

/// <summary>
/// How the bindings reach native code. Which mode a build uses depends on the compiler phase the
/// bindings can join: see docs/compiler-versions.md.
/// </summary>
public enum ImportMode
{
    /// <summary>
    /// <c>[LibraryImport]</c> partial declarations that the SDK's LibraryImport generator expands. Needs the
    /// pre-compilation phase (Roslyn 5.9), so that generator sees our output.
    /// </summary>
    LibraryImport,

    /// <summary>
    /// What the LibraryImport generator itself would write: blittable <c>[DllImport]</c> forwarders, and
    /// friendly overloads that marshal by hand through the same marshaller types. Any compiler from
    /// Roslyn 4.14; the public API is the same as in <see cref="LibraryImport"/> mode.
    /// </summary>
    DllImport,
}
