using System.Globalization;
using System.Text;
using Interop.RealHeaders.Tests.Oracle;
using Microsoft.CodeAnalysis;

namespace Interop.RealHeaders.Tests.Roslyn;

/// <summary>
/// Reads constant values from the compiled C# rather than from the model's literals, so what is
/// compared with clang is exactly what a user of the bindings gets.
/// </summary>
public static class CompiledConstants
{
    /// <summary>The value of <c>const</c> field <paramref name="name"/> of type <paramref name="typeName"/>, or null when it has none.</summary>
    public static object? Of(Compilation compilation, string typeName, string name)
    {
        var type = compilation.GetTypeByMetadataName(typeName);
        var field = type?.GetMembers(name.TrimStart('@')).OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue);
        // Roslyn reports a native-sized constant's value as int or uint; keep its nint/nuint identity.
        return field?.Type.SpecialType switch
        {
            SpecialType.System_IntPtr => (nint)Convert.ToInt64(field.ConstantValue, CultureInfo.InvariantCulture),
            SpecialType.System_UIntPtr => (nuint)Convert.ToUInt64(field.ConstantValue, CultureInfo.InvariantCulture),
            _ => field?.ConstantValue,
        };
    }

    /// <summary>How a constant value is printed by the probe and its expected text; null for types the probe cannot print.</summary>
    public static (ProbeValueKind Kind, string Expected)? Describe(object? value) => value switch
    {
        sbyte or short or int or long => (ProbeValueKind.Signed, Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        byte or ushort or uint or ulong => (ProbeValueKind.Unsigned, Convert.ToUInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        char c => (ProbeValueKind.Unsigned, ((ulong)c).ToString(CultureInfo.InvariantCulture)),
        bool b => (ProbeValueKind.Unsigned, b ? "1" : "0"),
        nint n => (ProbeValueKind.Signed, ((long)n).ToString(CultureInfo.InvariantCulture)),
        nuint n => (ProbeValueKind.Unsigned, ((ulong)n).ToString(CultureInfo.InvariantCulture)),
        float f => (ProbeValueKind.Floating, FloatingText((double)f)),
        double d => (ProbeValueKind.Floating, FloatingText(d)),
        string s => (ProbeValueKind.Bytes, Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s))),
        _ => null,
    };

    /// <summary>The round-trip text both sides of a floating comparison are normalized to.</summary>
    public static string FloatingText(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
