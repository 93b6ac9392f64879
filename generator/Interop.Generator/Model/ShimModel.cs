namespace Interop.Generator.Model;

/// <summary>
/// API mode (cffi's <c>set_source</c>, rust-bindgen's <c>--wrap-static-fns</c>): what C# cannot call directly, wrapped by
/// a C source of exported functions that the build compiles into <see cref="LibraryName"/>. The bindings import each
/// wrapper under the original C name, so the shim is invisible to the caller.
/// </summary>
/// <param name="LibraryName">The shim's shared library, beside the program.</param>
/// <param name="HeaderPath">The header the C source includes, as the user binds it (same defines and include directories).</param>
public sealed record ShimModel(string LibraryName, string HeaderPath, EquatableArray<ShimFunctionModel> Functions)
{
    /// <summary>The exported name of the wrapper for the C declaration <paramref name="name"/>.</summary>
    public static string EntryPointOf(string name) => name + "__interop_shim";

    /// <summary>The shim library of a header bound from <paramref name="libraryName"/>.</summary>
    public static string LibraryOf(string libraryName) => libraryName + "_interop_shim";
}

/// <summary>What a wrapper forwards to.</summary>
public enum ShimTarget
{
    /// <summary>A <c>static inline</c> (or <c>static</c>) function with a body in the header.</summary>
    StaticInline,

    /// <summary>A function-like macro, expanded by the C compiler inside the wrapper.</summary>
    Macro,
}

/// <summary>One exported wrapper: <c>ReturnType EntryPoint(Parameters) { return Name(arguments); }</c>, types spelled in C.</summary>
/// <param name="ReturnType">The C return type (a declarator with <c>%</c> where the name goes, for function-pointer returns).</param>
/// <param name="Location">Where the wrapped declaration is, for errors of the build that compiles the shim.</param>
public sealed record ShimFunctionModel(string Name, string EntryPoint, string ReturnType, EquatableArray<ShimParameterModel> Parameters, Diagnostics.SourceLocation Location, ShimTarget Target = ShimTarget.StaticInline)
{
    /// <summary>Whether the function returns <c>void</c> (the wrapper then has no <c>return</c>).</summary>
    public bool ReturnsVoid => ReturnType == "void %";
}

/// <summary>A wrapper parameter: its name and its C declarator (<c>%</c> where the name goes).</summary>
public sealed record ShimParameterModel(string Name, string Declarator);
