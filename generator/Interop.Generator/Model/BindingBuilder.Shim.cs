using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// API mode: the <c>static inline</c> functions the <c>Shim</c> option selects are bound like exported ones, but
/// imported from the shim library under their wrapper's name, and each gets a wrapper in the <see cref="ShimModel"/>
/// the build writes as C. <c>*</c> selects the header's own files; a name also reaches an included system header
/// (glibc's <c>__bswap_32</c> lives in <c>&lt;bits/byteswap.h&gt;</c>).
/// </summary>
internal sealed partial class BindingBuilder
{
    private readonly List<ShimFunctionModel> _shimFunctions = new();

    private bool IsNamedForShim(Declaration declaration) =>
        declaration is FunctionDecl function && _request.Shim.Contains(function.Name);

    /// <summary>Whether <paramref name="function"/>, which has no exported symbol, is to be wrapped by the shim.</summary>
    private bool WantsShim(FunctionDecl function) =>
        (function.IsInline || function.IsStatic)
        && (_request.Shim.Contains(function.Name) || (_request.Shim.Contains("*") && _isBoundFile(function.Location.File)))
        && _declarationsByName.TryGetValue(function.Name, out var all) && all.Any(f => f.HasBody);

    /// <summary>The wrapper of a function just bound through the shim, or null (reported) when C cannot spell its signature.</summary>
    private bool AddShimWrapper(FunctionDecl function)
    {
        try
        {
            var parameters = function.Type.Parameters
                .Select((p, i) => new ShimParameterModel("interop_arg_" + i, CDeclarator.Of(p.Type)))
                .ToEquatableArray();
            _shimFunctions.Add(new ShimFunctionModel(function.Name, ShimModel.EntryPointOf(function.Name), CDeclarator.Of(function.Type.ReturnType), parameters, function.Location));
            return true;
        }
        catch (ArgumentException e)
        {
            _diagnostics.Report(DiagnosticKind.ShimNotWritten, function.Location, $"'{function.Name}' is not wrapped by the shim: {e.Message}");
            return false;
        }
    }

    /// <summary>A <c>Shim</c> entry that names nothing the shim could wrap is an error of intent, so it is reported, not dropped.</summary>
    private void ReportUnusedShimEntries(TranslationUnit unit)
    {
        // A named macro is reported at its #define by BindsMacroThroughShim when it cannot be wrapped.
        foreach (var entry in _request.Shim.Where(e => e != "*" && _shimFunctions.All(f => f.Name != e) && !_macrosNamedForShim.Contains(e)))
        {
            var found = unit.Declarations.OfType<FunctionDecl>().FirstOrDefault(f => f.Name == entry);
            var why = found is null ? "no function (nor function-like macro of the header's own files) of that name is declared"
                : !(found.IsInline || found.IsStatic) ? "it is not static inline (it has an exported symbol and is bound directly)"
                : "it has no body in the headers";
            _diagnostics.Report(DiagnosticKind.ShimNotWritten, found?.Location ?? new SourceLocation(_request.HeaderPath, 0, 0), $"Shim entry '{entry}' wraps nothing: {why}");
        }
    }

    private ShimModel? BuildShim() =>
        _shimFunctions.Count == 0 ? null : new ShimModel(ShimModel.LibraryOf(_request.LibraryName), _request.HeaderPath, _shimFunctions.ToEquatableArray());
}
