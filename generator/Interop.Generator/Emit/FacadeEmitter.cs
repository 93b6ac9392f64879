using Interop.Generator.Emit.Parameters;
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
        foreach (var function in Members(model))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Doc(function.Doc, FacadeParameterNames(function));
            w.Line($"{FacadeReturnType(function)} {CSharpNames.Escape(function.Name)}({FacadeParameters(function)});");
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
        foreach (var function in Members(model))
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
    /// are pinned for the call; each other parameter's shape writes its own conversion (C longs widened or narrowed
    /// with a check, out values copied back).
    /// </summary>
    private static void EmitForwarder(SourceWriter w, BindingModel model, FunctionModel function)
    {
        var buffers = SpanPairs.FacadeBuffers(function);
        var before = new List<string>();
        var after = new List<string>();
        var arguments = new List<string>();
        // Locals must not shadow a parameter (CS0136): C names such as 'result' or 'bufNative' are the user's.
        var taken = new HashSet<string>(function.Parameters.Select(p => p.Name), StringComparer.Ordinal);
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
            var local = Fresh(p.Name + "Native");
            var shape = ParameterShapes.Of(p);
            if (buffers.FirstOrDefault(b => b.Length == p.Name) is { } lengthOf)
            {
                arguments.Add(SpanPairs.LengthArgument(lengthOf));
                continue;
            }

            if (buffers.Any(b => b.Pointer == p.Name))
            {
                before.Add($"fixed ({TypeText.Of(p.Type)} {local} = {CSharpNames.Escape(p.Name)}.Span)");
                arguments.Add(shape.FacadeBufferArgument(local));
                continue;
            }

            arguments.Add(shape.FacadeArgument(p, local, before, after));
        }

        var name = CSharpNames.Escape(function.Name);
        var call = ParameterShapes.Of(function.ReturnShape).FacadeReturn(function.ReturnType, $"{model.ClassName}.{name}({string.Join(", ", arguments)})");
        var signature = $"public {FacadeReturnType(function)} {name}({FacadeParameters(function)})";
        if (before.Count == 0 && after.Count == 0)
        {
            w.Line($"{signature} => {call};");
            return;
        }

        var returns = !function.ReturnType.IsVoid;
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

    /// <summary>The facade's return type: strings for <c>const char*</c>, <c>bool</c> for <c>_Bool</c>, <c>nint</c> for other pointers.</summary>
    private static string FacadeReturnType(FunctionModel function) => ParameterShapes.Of(function.ReturnShape).FacadeReturnType(function.ReturnType);

    private static IEnumerable<string> FacadeParameterNames(FunctionModel function)
    {
        var buffers = SpanPairs.FacadeBuffers(function);
        return function.Parameters.Where(p => buffers.All(b => b.Length != p.Name)).Select(p => p.Name);
    }

    private static string FacadeParameters(FunctionModel function)
    {
        var buffers = SpanPairs.FacadeBuffers(function);
        return string.Join(", ", function.Parameters.Where(p => buffers.All(b => b.Length != p.Name)).Select(p =>
            buffers.FirstOrDefault(b => b.Pointer == p.Name) is { } buffer ? SpanPairs.FacadeBufferDeclaration(buffer)
            : ParameterShapes.Of(p).FacadeDeclaration(p)));
    }

    /// <summary>The functions, then the macros bound as methods: both are mocked the same way.</summary>
    private static IEnumerable<FunctionModel> Members(BindingModel model) => model.Functions.Concat(model.MacroMethods.Select(m => m.Signature));

    public static string InterfaceName(BindingModel model) => "I" + model.ClassName;

    public static string ImplementationName(BindingModel model) => model.ClassName + "Native";

}
