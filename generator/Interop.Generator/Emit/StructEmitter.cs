using System.Globalization;
using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes a C struct or union as a C# struct with explicit field offsets from our layout engine, so
/// the C# layout is the C layout by construction rather than by .NET's sequential rules agreeing.
/// </summary>
internal static class StructEmitter
{
    public static void Emit(SourceWriter w, StructModel model)
    {
        w.Doc(model.Doc ?? (model.IsOpaque ? $"Opaque C type {model.Name.TrimStart('@')}: only used through pointers." : null));
        if (model.IsOpaque)
        {
            w.Line($"public partial struct {model.Name}");
            w.Line("{");
            w.Line("}");
            return;
        }

        var size = model.Size.ToString(CultureInfo.InvariantCulture);
        w.Line($"[{BindingsEmitter.InteropServices}.StructLayout({BindingsEmitter.InteropServices}.LayoutKind.Explicit, Size = {size})]");
        w.Open($"public unsafe partial struct {model.Name}");
        var first = true;
        foreach (var field in model.Fields)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Doc(field.Doc);
            w.Line($"[{BindingsEmitter.InteropServices}.FieldOffset({field.Offset.ToString(CultureInfo.InvariantCulture)})]");
            w.Line($"public {field.CSharpType} {field.Name};");
        }

        w.Close();

        foreach (var buffer in model.Buffers)
        {
            w.Line();
            w.Line($"/// <summary>Storage for a C array of {buffer.Length.ToString(CultureInfo.InvariantCulture)} <c>{buffer.ElementType}</c>; index it like a span.</summary>");
            w.Line($"[global::System.Runtime.CompilerServices.InlineArray({buffer.Length.ToString(CultureInfo.InvariantCulture)})]");
            w.Open($"public struct {buffer.Name}");
            w.Line($"private {buffer.ElementType} _element0;");
            w.Close();
        }
    }
}
