using Interop.Generator.Model;

namespace Interop.Generator.Emit;

/// <summary>
/// Writes the mockable face of a library: an interface with one member per C function, and a default
/// implementation that forwards to the static bindings. Pointer types surface as <c>nint</c>, because
/// C# allows them neither as generic arguments nor in the expression trees mocking libraries build; C
/// <c>long</c> as <c>long</c>, and pointer and length pairs named by the span rule as one
/// <c>ReadOnlyMemory&lt;T&gt;</c>/<c>Memory&lt;T&gt;</c>, types a test can write and match.
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

    /// <summary>
    /// One facade member: converts facade types to the overload it calls, and the result back. Buffers of a span pair
    /// are pinned for the call; C longs are widened or narrowed with a check; out values are copied back.
    /// </summary>
    private static void EmitForwarder(SourceWriter w, BindingModel model, FunctionModel function)
    {
        var friendly = function.HasFriendlyOverload;
        var buffers = FacadeBuffers(function);
        var before = new List<string>();
        var after = new List<string>();
        var arguments = new List<string>();
        // Locals must not shadow a parameter (CS0136): C names such as 'result' or 'bufNative' are the user's.
        var taken = new HashSet<string>(function.Parameters.Select(p => p.Name.TrimStart('@')), StringComparer.Ordinal);
        string Fresh(string wanted)
        {
            while (!taken.Add(wanted))
            {
                wanted += "_";
            }

            return wanted;
        }

        foreach (var p in function.Parameters)
        {
            var local = Fresh(p.Name.TrimStart('@') + "Native");
            var shape = friendly ? p.Shape : ValueShape.Raw;
            if (buffers.FirstOrDefault(b => b.Length == p.Name) is { } lengthOf)
            {
                arguments.Add(lengthOf.LengthArgument);
                continue;
            }

            if (buffers.Any(b => b.Pointer == p.Name))
            {
                before.Add($"fixed ({p.CSharpType} {local} = {p.Name}.Span)");
                arguments.Add(shape == ValueShape.RefScalar ? $"ref *{local}" : local);
                continue;
            }

            switch (shape)
            {
                case ValueShape.OutPointer:
                    arguments.Add($"out var {local}");
                    after.Add($"{p.Name} = (nint){local};");
                    break;
                case ValueShape.OutHandle:
                    // A handle hands its pointer over to the caller, who now owns it as an nint.
                    arguments.Add($"out var {local}");
                    after.Add($"{p.Name} = {local}.DetachPointer();");
                    break;
                case ValueShape.Handle:
                    arguments.Add($"new {p.HandleType}(({p.CSharpType}){p.Name}, ownsHandle: false)");
                    break;
                case ValueShape.RefScalar when ParameterModel.FacadeNumber(p.Pointee) is not null:
                    // ref long cannot alias a CLong (4 bytes on Windows): copy in, call, copy out.
                    before.Add($"var {local} = {ToNative(p.Pointee, p.Name)};");
                    arguments.Add($"ref {local}");
                    after.Add($"{p.Name} = {local}.Value;");
                    break;
                case ValueShape.RefScalar:
                    arguments.Add($"ref {p.Name}");
                    break;
                case ValueShape.Utf8String or ValueShape.Bool:
                    arguments.Add(p.Name);
                    break;
                default:
                    arguments.Add(ParameterModel.FacadeNumber(p.CSharpType) is not null ? ToNative(p.CSharpType, p.Name)
                        : p.FacadeType == p.CSharpType ? p.Name
                        : $"({p.CSharpType}){p.Name}");
                    break;
            }
        }

        var call = $"{model.ClassName}.{CSharpNames.Escape(function.Name)}({string.Join(", ", arguments)})";
        call = function.ReturnShape switch
        {
            ValueShape.Utf8String => $"global::System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint){call})",
            ValueShape.Bool => $"{call} != 0",
            _ when ParameterModel.FacadeNumber(function.ReturnType) is { } number => $"({number}){call}.Value",
            _ when function.FacadeReturnType != function.ReturnType => $"(nint){call}",
            _ => call,
        };

        var signature = $"public {function.FacadeReturnType} {CSharpNames.Escape(function.Name)}({FacadeParameters(function)})";
        if (before.Count == 0 && after.Count == 0)
        {
            w.Line($"{signature} => {call};");
            return;
        }

        var returns = function.ReturnType != "void";
        var result = Fresh("result");
        w.Open(signature);
        foreach (var line in before.Where(l => !l.StartsWith("fixed", StringComparison.Ordinal)))
        {
            w.Line(line);
        }

        // Stacked fixed statements share one block.
        var pins = before.Where(l => l.StartsWith("fixed", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < pins.Count; i++)
        {
            if (i < pins.Count - 1)
            {
                w.Line(pins[i]);
            }
            else
            {
                w.Open(pins[i]);
            }
        }

        w.Line(!returns ? $"{call};" : after.Count == 0 ? $"return {call};" : $"var {result} = {call};");
        foreach (var line in after)
        {
            w.Line(line);
        }

        if (returns && after.Count > 0)
        {
            w.Line($"return {result};");
        }

        if (pins.Count > 0)
        {
            w.Close();
        }

        w.Close();
    }

    /// <summary>
    /// A facade value as the C long the bindings take. <c>long</c> is 32-bit on Windows (LLP64): there the value is
    /// narrowed with a check, so a too-large value throws <see cref="System.OverflowException"/> instead of being cut.
    /// <c>OperatingSystem.IsWindows()</c> is a constant to the JIT, so the other branch costs nothing.
    /// </summary>
    private static string ToNative(string cType, string value) => cType == ParameterModel.CLong
        ? $"(global::System.OperatingSystem.IsWindows() ? new {ParameterModel.CLong}(checked((int){value})) : new {ParameterModel.CLong}((nint){value}))"
        : $"(global::System.OperatingSystem.IsWindows() ? new {ParameterModel.CULong}(checked((uint){value})) : new {ParameterModel.CULong}((nuint){value}))";

    /// <summary>
    /// The span pairs the facade takes as one <c>ReadOnlyMemory&lt;T&gt;</c> (const pointee) or <c>Memory&lt;T&gt;</c>:
    /// unlike spans, these are ordinary structs that Moq and NSubstitute can hold and match, and arrays convert to them.
    /// Pairs whose pointer has another friendly form (a string) or whose element is itself a pointer stay raw.
    /// </summary>
    private static List<SpanPairModel> FacadeBuffers(FunctionModel function) =>
        function.Spans.Where(pair => !pair.ElementType.EndsWith("*", StringComparison.Ordinal)
            && function.Parameters.Any(p => p.Name == pair.Pointer && (!function.HasFriendlyOverload || p.Shape is ValueShape.Raw or ValueShape.RefScalar))).ToList();

    private static string FacadeParameters(FunctionModel function)
    {
        var buffers = FacadeBuffers(function);
        return string.Join(", ", function.Parameters.Where(p => buffers.All(b => b.Length != p.Name)).Select(p =>
            buffers.FirstOrDefault(b => b.Pointer == p.Name) is { } buffer ? $"global::System.{(buffer.ReadOnly ? "ReadOnlyMemory" : "Memory")}<{buffer.ElementType}> {p.Name}"
            : function.HasFriendlyOverload ? p.FacadeDeclaration
            : $"{p.FacadeType} {p.Name}"));
    }

    public static string InterfaceName(BindingModel model) => "I" + model.ClassName;

    public static string ImplementationName(BindingModel model) => model.ClassName + "Native";

}
