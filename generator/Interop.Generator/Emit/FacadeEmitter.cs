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
            w.Line($"{function.FacadeReturnType} {CSharpNames.Escape(function.Name)}({Parameters(function, facade: true)});");
        }

        w.Close();
        w.Line();

        w.Line($"/// <summary>The real <see cref=\"{interfaceName}\"/>: every call goes straight to <see cref=\"{model.ClassName}\"/>.</summary>");
        w.Open($"public sealed unsafe partial class {implementationName} : {interfaceName}");
        w.Line("/// <summary>The shared instance; the type has no state.</summary>");
        w.Line($"public static {implementationName} Instance {{ get; }} = new {implementationName}();");
        foreach (var function in model.Functions)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            var arguments = string.Join(", ", function.Parameters.Select(p => p.FacadeType == p.CSharpType ? p.Name : $"({p.CSharpType}){p.Name}"));
            var call = $"{model.ClassName}.{CSharpNames.Escape(function.Name)}({arguments})";
            if (function.FacadeReturnType != function.ReturnType)
            {
                call = $"(nint){call}";
            }

            w.Line($"public {function.FacadeReturnType} {CSharpNames.Escape(function.Name)}({Parameters(function, facade: true)}) => {call};");
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    public static string InterfaceName(BindingModel model) => "I" + model.ClassName;

    public static string ImplementationName(BindingModel model) => model.ClassName + "Native";

    private static string Parameters(FunctionModel function, bool facade) =>
        string.Join(", ", function.Parameters.Select(p => $"{(facade ? p.FacadeType : p.CSharpType)} {p.Name}"));
}
