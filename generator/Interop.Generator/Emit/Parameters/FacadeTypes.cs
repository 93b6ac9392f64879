using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// The facade's types for raw ones: pointers become <c>nint</c> (C# allows them neither as generic arguments nor in the
/// expression trees mocking libraries build), C <c>long</c> becomes <c>long</c>, a type tests can write and Moq can match.
/// </summary>
internal static class FacadeTypes
{
    public static TypeRef Of(TypeRef raw) =>
        raw.IsPointer ? TypeRef.NInt
        : raw == TypeRef.CLong ? TypeRef.Long
        : raw == TypeRef.CULong ? TypeRef.ULong
        : raw;

    public static string Text(TypeRef raw) => TypeText.Of(Of(raw));

    /// <summary>
    /// A facade value as the C long the bindings take. <c>long</c> is 32-bit on Windows (LLP64): there the value is
    /// narrowed with a check, so a too-large value throws <see cref="System.OverflowException"/> instead of being cut.
    /// <c>OperatingSystem.IsWindows()</c> is a constant to the JIT, so the other branch costs nothing.
    /// </summary>
    public static string ToNative(TypeRef cLong, string value)
    {
        var type = TypeText.Of(cLong);
        return cLong == TypeRef.CLong
            ? $"(global::System.OperatingSystem.IsWindows() ? new {type}(checked((int){value})) : new {type}((nint){value}))"
            : $"(global::System.OperatingSystem.IsWindows() ? new {type}(checked((uint){value})) : new {type}((nuint){value}))";
    }

    /// <summary>A raw value as the facade returns it: a C long widened, a pointer as <c>nint</c>.</summary>
    public static string FromNative(TypeRef raw, string call) =>
        raw.IsCLong ? $"({Text(raw)}){call}.Value"
        : Of(raw) != raw ? $"(nint){call}"
        : call;

    /// <summary>A facade argument converted to the raw parameter's type.</summary>
    public static string ToRaw(TypeRef raw, string value) =>
        raw.IsCLong ? ToNative(raw, value)
        : Of(raw) == raw ? value
        : $"({TypeText.Of(raw)}){value}";
}
