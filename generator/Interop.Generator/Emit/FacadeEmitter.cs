using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes the mockable face of a library: an interface with one member per C function, and a default
/// implementation that forwards to the static bindings. Pointer types surface as <c>nint</c>, because
/// C# allows them neither as generic arguments nor in the expression trees mocking libraries build.
/// </summary>
internal static class FacadeEmitter
{
    public static string Emit(BindingModel model)
    {
        var interfaceName = InterfaceName(model);
        var implementationName = ImplementationName(model);
        var w = BindingsEmitter.FileHeader(model);
        w.Open("namespace " + model.Namespace);

        w.Line($"/// <summary>The functions of <c>{model.LibraryName}</c> as an interface: take it as a dependency, mock it in tests.</summary>");
        w.Open($"public partial interface {interfaceName}");
        var first = true;
        foreach (var function in model.Functions)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Doc(function.Doc);
            w.Line($"{function.FacadeReturnType} {CSharpNames.Escape(function.Name)}({FacadeParameters(function)});");
        }

        w.Close();
        w.Line();

        if (model.EmitAmbient)
        {
            EmitAmbientAccessor(w, model, interfaceName, implementationName);
            w.Line();
        }

        w.Line($"/// <summary>The real <see cref=\"{interfaceName}\"/>: every call goes straight to <see cref=\"{model.ClassName}\"/>.</summary>");
        w.Open($"public sealed unsafe partial class {implementationName} : {interfaceName}");
        w.Line("/// <summary>The shared instance; the type has no state.</summary>");
        w.Line($"public static {implementationName} Instance {{ get; }} = new {implementationName}();");
        foreach (var function in model.Functions)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            EmitForwarder(w, model, function);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// The library's ambient accessor on its bindings class: <c>Current</c> is the real library unless a test
    /// replaced it for its own async flow with <c>using (Class.Use(fake))</c> (Interop.Runtime's AmbientOverride).
    /// </summary>
    private static void EmitAmbientAccessor(SourceWriter w, BindingModel model, string interfaceName, string implementationName)
    {
        var ambient = $"global::Interop.Runtime.Mocking.AmbientOverride<{interfaceName}>";
        w.Open($"public static partial class {model.ClassName}");
        w.Line($"/// <summary>The overridable accessor behind <see cref=\"Current\"/> and <see cref=\"Use\"/>.</summary>");
        w.Line($"public static {ambient} Ambient {{ get; }} = new {ambient}({implementationName}.Instance);");
        w.Line();
        w.Line($"/// <summary>The library as code should call it: the real one, or the fake a test installed with <see cref=\"Use\"/> in this async flow.</summary>");
        w.Line($"public static {interfaceName} Current => Ambient.Current;");
        w.Line();
        w.Line("/// <summary>Replaces the library with <paramref name=\"fake\"/> for this async flow until the result is disposed, like <c>unittest.mock.patch</c>.</summary>");
        w.Line($"public static global::System.IDisposable Use({interfaceName} fake) => Ambient.Use(fake);");
        w.Close();
    }

    /// <summary>One facade member: converts facade types to the overload it calls, and the result back.</summary>
    private static void EmitForwarder(SourceWriter w, BindingModel model, FunctionModel function)
    {
        var friendly = function.HasFriendlyOverload;
        var arguments = string.Join(", ", function.Parameters.Select(p => (friendly ? p.Shape : ValueShape.Raw, p) switch
        {
            (ValueShape.OutPointer or ValueShape.OutHandle, _) => $"out var {p.Name.TrimStart('@')}Native",
            (ValueShape.Handle, _) => $"new {p.HandleType}(({p.CSharpType}){p.Name}, ownsHandle: false)",
            (ValueShape.RefScalar, _) => $"ref {p.Name}",
            (ValueShape.Utf8String or ValueShape.Bool, _) => p.Name,
            _ => p.FacadeType == p.CSharpType ? p.Name : $"({p.CSharpType}){p.Name}",
        }));
        var call = $"{model.ClassName}.{CSharpNames.Escape(function.Name)}({arguments})";
        call = function.ReturnShape switch
        {
            ValueShape.Utf8String => $"global::System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint){call})",
            ValueShape.Bool => $"{call} != 0",
            _ when function.FacadeReturnType != function.ReturnType => $"(nint){call}",
            _ => call,
        };

        var signature = $"public {function.FacadeReturnType} {CSharpNames.Escape(function.Name)}({FacadeParameters(function)})";
        var outs = friendly ? function.Parameters.Where(p => p.Shape is ValueShape.OutPointer or ValueShape.OutHandle).ToList() : new List<ParameterModel>();
        if (outs.Count == 0)
        {
            w.Line($"{signature} => {call};");
            return;
        }

        // Out handles come back as pointers from the stub and leave the facade as nint.
        w.Open(signature);
        w.Line(function.ReturnType == "void" ? $"{call};" : $"var result = {call};");
        foreach (var p in outs)
        {
            // A handle hands its pointer over to the caller, who now owns it as an nint.
            w.Line(p.Shape == ValueShape.OutHandle
                ? $"{p.Name} = {p.Name.TrimStart('@')}Native.DetachPointer();"
                : $"{p.Name} = (nint){p.Name.TrimStart('@')}Native;");
        }

        if (function.ReturnType != "void")
        {
            w.Line("return result;");
        }

        w.Close();
    }

    private static string FacadeParameters(FunctionModel function) =>
        string.Join(", ", function.Parameters.Select(p => function.HasFriendlyOverload ? p.FacadeDeclaration : $"{p.FacadeType} {p.Name}"));

    public static string InterfaceName(BindingModel model) => "I" + model.ClassName;

    public static string ImplementationName(BindingModel model) => model.ClassName + "Native";

}
