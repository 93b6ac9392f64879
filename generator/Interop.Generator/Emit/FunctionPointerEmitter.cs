using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// A C function-pointer typedef as a named C# type: a readonly struct holding the raw
/// <c>delegate* unmanaged[Cdecl]&lt;...&gt;</c>, the same size and ABI as the C pointer. A struct rather than a delegate
/// type: it is the C value itself (it can be stored, compared, called, and passed where C expects it, with no GC handle
/// or marshalling), and both conversions are implicit, so <c>visit_fn f = &amp;Visit;</c> and passing <c>f</c> to the raw
/// binding both work. Closures are the delegate overloads' business (<c>Parameters/CallbackPairs</c>).
/// </summary>
internal static class FunctionPointerEmitter
{
    public static void Emit(SourceWriter w, FunctionPointerTypedefModel model)
    {
        var name = CSharpNames.Escape(model.Name);
        var pointer = TypeText.Of(model.Type);
        if (model.Doc is null)
        {
            w.Line($"/// <summary>The C function pointer type <c>{model.Name}</c>.</summary>");
        }
        else
        {
            w.Doc(model.Doc);
        }

        w.Open($"public readonly unsafe partial struct {name} : global::System.IEquatable<{name}>");
        w.Line("/// <summary>The C function pointer; null when none.</summary>");
        w.Line($"public readonly {pointer} Pointer;");
        w.Line();
        w.Line($"/// <summary>Wraps <paramref name=\"pointer\"/>, e.g. <c>&amp;Method</c> of an <c>[UnmanagedCallersOnly]</c> method or one C returned.</summary>");
        w.Line($"public {name}({pointer} pointer) => Pointer = pointer;");
        w.Line();
        w.Line("/// <summary>True when no function is pointed at.</summary>");
        w.Line("public bool IsNull => Pointer == null;");
        w.Line();
        var parameters = model.Type.Parameters.Select((t, k) => $"{TypeText.Of(t)} {CSharpNames.Escape(model.ParameterNames[k])}");
        var arguments = model.ParameterNames.Select(CSharpNames.Escape);
        w.Line("/// <summary>Calls the function.</summary>");
        w.Line($"public {TypeText.Of(model.Type.ReturnType)} Invoke({string.Join(", ", parameters)}) => Pointer({string.Join(", ", arguments)});");
        w.Line();
        w.Line($"public static implicit operator {name}({pointer} pointer) => new {name}(pointer);");
        w.Line();
        w.Line($"public static implicit operator {pointer}({name} value) => value.Pointer;");
        w.Line();
        w.Line($"public bool Equals({name} other) => (nint)Pointer == (nint)other.Pointer;");
        w.Line();
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("public override int GetHashCode() => ((nint)Pointer).GetHashCode();");
        w.Line();
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Close();
    }
}
