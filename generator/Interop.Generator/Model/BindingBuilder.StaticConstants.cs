using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>Where <c>static const</c> integers of a header become C# constants, as <c>#define</c> constants do.</summary>
internal sealed partial class BindingBuilder
{
    private void BindStaticVariable(StaticVariableDecl variable, List<ConstantModel> constants)
    {
        var why = variable.Type.Canonical is PointerType || _layout.IntegerKindOf(variable.Type) is null ? "its type is not an integer type"
            : !variable.Type.IsConst ? "it is not const, so C code may change it"
            : variable.Value is null ? "its initializer is not an integer constant expression"
            : !_usedNames.Add(variable.Name) ? "its name is already taken by another binding"
            : null;
        if (why is not null)
        {
            _diagnostics.Report(DiagnosticKind.StaticVariableNotBound, variable.Location, $"static variable '{variable.Name}' is not bound as a constant: {why}");
            return;
        }

        // C converts the initializer to the variable's type; the constant has the type the value promotes to, like a macro's.
        constants.Add(Constant(variable.Name, variable.Value!.Value.ConvertTo(_layout.IntegerKindOf(variable.Type)!.Value), variable.Doc));
    }
}
