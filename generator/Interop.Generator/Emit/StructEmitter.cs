using System.Globalization;
using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes a C struct or union as a C# struct with explicit field offsets from our layout engine, so
/// the C# layout is the C layout by construction rather than by .NET's sequential rules agreeing.
/// </summary>
internal static class StructEmitter
{
    /// <summary>A property over the bits of its storage field; signed fields are sign-extended on read.</summary>
    private static void EmitBitfield(SourceWriter w, BitfieldModel bitfield)
    {
        var mask = (bitfield.Width == 64 ? ulong.MaxValue : (1UL << bitfield.Width) - 1).ToString(CultureInfo.InvariantCulture) + "UL";
        var shift = bitfield.Shift.ToString(CultureInfo.InvariantCulture);
        var type = TypeText.Of(bitfield.Type);
        var raw = $"((ulong){bitfield.StorageName} >> {shift} & {mask})";
        var read = bitfield.IsSigned
            ? $"({type})((long)({raw} << {64 - bitfield.Width}) >> {64 - bitfield.Width})"
            : $"({type}){raw}";
        var write = $"{bitfield.StorageName} = unchecked(({TypeText.Of(bitfield.StorageType)})(((ulong){bitfield.StorageName} & ~({mask} << {shift})) | (((ulong)(long)value & {mask}) << {shift})));";

        w.Doc(bitfield.Doc);
        w.Open($"public {type} {CSharpNames.Escape(bitfield.Name)}");
        w.Line($"readonly get => unchecked({read});");
        w.Line($"set => {write}");
        w.Close();
    }

    /// <summary>
    /// A flexible array member as a span over the elements after the struct. Only meaningful on a struct
    /// native code allocated with room for them, reached through a pointer; the caller knows the count.
    /// </summary>
    private static void EmitTrailingArray(SourceWriter w, StructModel model, TrailingArrayModel trailing)
    {
        var offset = trailing.Offset.ToString(CultureInfo.InvariantCulture);
        if (trailing.Doc is not null)
        {
            w.Doc(trailing.Doc);
        }
        else
        {
            w.Line($"/// <summary>The C array <c>{trailing.CName}[]</c> that follows the struct in memory: <paramref name=\"length\"/> elements from byte {offset}.</summary>");
            w.Line("/// <remarks>Use it only on a struct native code allocated with room for them, reached through a pointer.</remarks>");
        }

        w.Line("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]");
        var element = TypeText.Of(trailing.ElementType);
        w.Line($"public global::System.Span<{element}> {CSharpNames.Escape(trailing.Name)}(int length) => global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(");
        w.Line($"    ref global::System.Runtime.CompilerServices.Unsafe.As<byte, {element}>(ref global::System.Runtime.CompilerServices.Unsafe.AddByteOffset(ref global::System.Runtime.CompilerServices.Unsafe.As<{CSharpNames.Escape(model.Name)}, byte>(ref this), (nint){offset})), length);");
    }

    public static void Emit(SourceWriter w, StructModel model)
    {
        var name = CSharpNames.Escape(model.Name);
        w.Doc(model.Doc ?? (model.IsOpaque ? $"Opaque C type {model.Name}: only used through pointers." : null));
        if (model.IsOpaque)
        {
            w.Line($"public partial struct {name}");
            w.Line("{");
            w.Line("}");
            return;
        }

        var size = model.Size.ToString(CultureInfo.InvariantCulture);
        var pack = model.AlignmentFix.Pack > 0 ? $", Pack = {model.AlignmentFix.Pack.ToString(CultureInfo.InvariantCulture)}" : "";
        w.Line(model.IsSequential
            ? $"[{BindingsEmitter.InteropServices}.StructLayout({BindingsEmitter.InteropServices}.LayoutKind.Sequential)]"
            : $"[{BindingsEmitter.InteropServices}.StructLayout({BindingsEmitter.InteropServices}.LayoutKind.Explicit, Size = {size}{pack})]");
        w.Open($"public unsafe partial struct {name}");
        var first = true;
        if (model.AlignmentFix.AnchorType is { } anchor)
        {
            // Overlaps the fields and is never read: it only gives the struct C's alignment.
            w.Line($"[{BindingsEmitter.InteropServices}.FieldOffset(0)]");
            w.Line($"private {TypeText.Of(anchor)} _csharp_alignment;");
            first = false;
        }

        foreach (var field in model.Fields)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Doc(field.Doc);
            if (!model.IsSequential)
            {
                w.Line($"[{BindingsEmitter.InteropServices}.FieldOffset({field.Offset.ToString(CultureInfo.InvariantCulture)})]");
            }

            w.Line($"public {TypeText.Of(field.Type)} {CSharpNames.Escape(field.Name)};");
        }

        foreach (var storage in model.Bitfields.GroupBy(b => b.StorageName))
        {
            w.Line();
            var first0 = storage.First();
            w.Line($"[{BindingsEmitter.InteropServices}.FieldOffset({first0.StorageOffset.ToString(CultureInfo.InvariantCulture)})]");
            w.Line($"private {TypeText.Of(first0.StorageType)} {first0.StorageName};");
        }

        foreach (var bitfield in model.Bitfields)
        {
            w.Line();
            EmitBitfield(w, bitfield);
        }

        foreach (var trailing in model.TrailingArrays)
        {
            w.Line();
            EmitTrailingArray(w, model, trailing);
        }

        w.Close();

        foreach (var buffer in model.Buffers)
        {
            w.Line();
            var element = TypeText.Of(buffer.ElementType);
            w.Line($"/// <summary>Storage for a C array of {buffer.Length.ToString(CultureInfo.InvariantCulture)} <c>{element}</c>; index it like a span.</summary>");
            w.Line($"[global::System.Runtime.CompilerServices.InlineArray({buffer.Length.ToString(CultureInfo.InvariantCulture)})]");
            w.Open($"public struct {CSharpNames.Escape(buffer.Name)}");
            w.Line($"private {element} _element0;");
            w.Close();
        }
    }
}
