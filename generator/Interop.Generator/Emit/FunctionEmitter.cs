using Interop.Generator.Emit.Parameters;
using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Declares a C function as a <c>[LibraryImport]</c> partial method: the SDK's LibraryImport generator
/// then writes the stub, exactly as for a hand-written declaration. When some parameters have a
/// friendlier C# form (UTF-8 strings, bool, out and ref), a second overload with the same entry point
/// lets those marshallers do the work; the raw blittable overload always stays.
/// In <see cref="ImportMode.DllImport"/> mode (compilers without the pre-compilation phase) the raw overload
/// is the blittable <c>[DllImport]</c> forwarder LibraryImport would have written, and the friendly one
/// marshals by hand (<see cref="MarshallingStub"/>): the same public signatures either way.
/// </summary>
internal static class FunctionEmitter
{
    public static void Emit(SourceWriter w, FunctionModel function, ImportMode mode = ImportMode.LibraryImport)
    {
        var name = CSharpNames.Escape(function.Name);
        var returnType = TypeText.Of(function.ReturnType);
        w.Doc(function.Doc, function.Parameters.Select(p => p.Name));
        var raw = string.Join(", ", function.Parameters.Select(p => $"{TypeText.Of(p.Type)} {CSharpNames.Escape(p.Name)}"));
        NativeImport.Write(w, mode, function.Shimmed ? "ShimLibraryName" : "LibraryName", function.EntryPoint, returnType, name, raw, suppressGCTransition: function.SuppressGCTransition);

        if (function.HasFriendlyOverload)
        {
            w.Line();
            w.Doc(function.Doc, function.Parameters.Select(p => p.Name));
            var parameters = FriendlyParameters(function);
            if (mode == ImportMode.DllImport)
            {
                MarshallingStub.Emit(w, $"public static {returnType} {name}({parameters})", function, name, returnHandle: null);
            }
            else
            {
                NativeImport.Write(w, mode, function.Shimmed ? "ShimLibraryName" : "LibraryName", function.EntryPoint, returnType, name, parameters, NeedsUtf8StringMarshalling(function), function.SuppressGCTransition);
            }
        }

        if (function.Spans.Count > 0)
        {
            SpanPairs.EmitOverload(w, function);
        }

        if (function.Callbacks.Count > 0)
        {
            CallbackPairs.EmitOverload(w, function);
        }

        if (function.StringResult is { } text)
        {
            StringResults.EmitOverload(w, function, text);
        }
    }

    /// <summary>The friendly overload's parameter list: each parameter as its shape declares it.</summary>
    public static string FriendlyParameters(FunctionModel function) =>
        string.Join(", ", function.Parameters.Select(p => ParameterShapes.Of(p).FriendlyDeclaration(p)));

    /// <summary>
    /// A parameter of an overload that forwards to the friendly overload (or to the raw one when there is none): declared
    /// as that overload declares it, and passed on with <see cref="ForwardedArgument"/>.
    /// </summary>
    public static string ForwardedDeclaration(FunctionModel function, ParameterModel p) =>
        function.HasFriendlyOverload ? ParameterShapes.Of(p).FriendlyDeclaration(p) : $"{TypeText.Of(p.Type)} {CSharpNames.Escape(p.Name)}";

    /// <summary>The argument passing a <see cref="ForwardedDeclaration"/> parameter on (<c>out x</c> for an out shape).</summary>
    public static string ForwardedArgument(FunctionModel function, ParameterModel p) =>
        function.HasFriendlyOverload ? ParameterShapes.Of(p).FriendlyArgument(p) : CSharpNames.Escape(p.Name);

    public static bool NeedsUtf8StringMarshalling(FunctionModel function) =>
        function.Parameters.Any(p => ParameterShapes.Of(p).NeedsUtf8StringMarshalling);
}
