using Interop.Generator.Diagnostics;
using Interop.Generator.Frontend;
using Interop.Generator.Model;
using Interop.Generator.Options;
using Interop.Generator.Syntax;

namespace Interop.Generator;

/// <summary>
/// The core shared by the source generator and the CLI: preprocess, parse, lay out and bind one
/// header. It never throws; every problem, including a bug of ours, comes back as a diagnostic.
/// </summary>
public static class HeaderCompiler
{
    /// <summary>Compiles the header named by <paramref name="request"/>, reading files through <paramref name="readFile"/> (null when absent).</summary>
    public static HeaderResult Compile(BindingRequest request, Func<string, string?> readFile, CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag(request.DiagnosticSeverities);
        var headerPath = PathText.Normalize(request.HeaderPath);
        try
        {
            var text = readFile(headerPath);
            if (text is null)
            {
                diagnostics.Report(DiagnosticKind.HeaderUnreadable, new SourceLocation(headerPath, 0, 0), $"header '{request.HeaderPath}' was not found");
                return Result(null, diagnostics);
            }

            if (!CSharpNames.IsValidNamespace(request.Namespace) || !CSharpNames.IsValidIdentifier(request.ClassName))
            {
                diagnostics.Report(DiagnosticKind.InvalidOption, new SourceLocation(headerPath, 0, 0), $"'{request.Namespace}' and '{request.ClassName}' must be a valid C# namespace and class name");
                return Result(null, diagnostics);
            }

            // A malformed entry is an error naming it, never dropped: the user meant something by it.
            var malformed = request.ListEntries().Where(e => !e.Option.IsWellFormed(e.Entry)).ToList();
            foreach (var (option, entry) in malformed)
            {
                diagnostics.Report(DiagnosticKind.InvalidOption, new SourceLocation(headerPath, 0, 0),
                    $"NativeHeader '{request.HeaderPath}': {option.DisplayName} entry '{entry}' is malformed; expected {option.EntryForm}");
            }

            if (malformed.Count > 0)
            {
                return Result(null, diagnostics);
            }

            var target = Target.Find(request.Target);
            if (target is null)
            {
                diagnostics.Report(DiagnosticKind.InvalidOption, new SourceLocation(headerPath, 0, 0), $"unknown target '{request.Target}'; use one of {string.Join(", ", Target.All)}");
                return Result(null, diagnostics);
            }

            var resolver = new IncludeResolver(readFile, request.IncludeDirectories.ToArray(), request.SystemIncludeDirectories.ToArray());
            var unit = Preprocessor.Run(new SourceFile(headerPath, text), resolver, target.PredefinedMacros.Concat(UserDefines(request)), diagnostics);
            cancellationToken.ThrowIfCancellationRequested();
            if (unit.Stopped)
            {
                // One located fatal error (a missing include), not the hundreds its unknown macros and types would cause.
                return Result(null, diagnostics);
            }

            var layout = new LayoutEngine(target);
            var parser = new Parser(unit.Tokens, layout, diagnostics);
            var translationUnit = parser.ParseTranslationUnit();
            var variadicFormArguments = VariadicFormArguments.Parse(parser, request.VariadicForms);
            var macros = MacroConstants.Evaluate(unit, parser);
            var macroFunctions = MacroFunctions.Read(unit, parser);
            var macroSignatures = Frontend.MacroSignatures.Read(parser, request.MacroSignatures
                .Select(e => (Entry: e, Parts: BindingOptions.SplitMacroSignature(e)))
                .Where(e => e.Parts is not null)
                .Select(e => (e.Entry, e.Parts!.Value.Macro, e.Parts.Value.Parameters, e.Parts.Value.Result)));
            cancellationToken.ThrowIfCancellationRequested();

            // Bound: the header and what it includes with quotes (its own files); angle-bracket includes are only used.
            bool IsBound(string file) => unit.OwnFiles.Contains(file);
            var builder = new BindingBuilder(request, layout, diagnostics, IsBound) { CommentedParameterNames = CommentedPrototypes.Find(unit.OwnFiles.Select(readFile)) };
            var model = builder.Build(translationUnit, macros, variadicFormArguments, macroFunctions, macroSignatures);
            if (builder.ExplicitLayouts.Count > 0)
            {
                // Only explicit layouts are one target's; the other targets read the header only when there is one to compare.
                var otherTargets = Target.All.Where(t => t != target).Select(t => ReadFor(t, headerPath, text, resolver, request, cancellationToken)).ToArray();
                CrossTargetLayouts.Warn(builder.ExplicitLayouts, otherTargets, target, diagnostics);
            }
            return Result(model, diagnostics);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // A bug of ours must not take the compiler down with it.
            diagnostics.Report(DiagnosticKind.InternalError, new SourceLocation(headerPath, 0, 0), $"internal error while binding: {e.GetType().Name}: {e.Message}");
            return Result(null, diagnostics);
        }
    }

    /// <summary>
    /// The header as <paramref name="target"/> reads it, for the cross-target layout check: its own predefined macros
    /// choose its own typedefs and #if branches. Its diagnostics are not the user's (the bindings are for the primary target).
    /// </summary>
    private static OtherTargetReading ReadFor(Target target, string headerPath, string text, IncludeResolver resolver, BindingRequest request, CancellationToken cancellationToken)
    {
        var ignored = new DiagnosticBag();
        var layout = new LayoutEngine(target);
        var unit = Preprocessor.Run(new SourceFile(headerPath, text), resolver, target.PredefinedMacros.Concat(UserDefines(request)), ignored);
        cancellationToken.ThrowIfCancellationRequested();
        return new OtherTargetReading(layout, unit.Stopped ? null : new Parser(unit.Tokens, layout, ignored).ParseTranslationUnit());
    }

    private static IEnumerable<KeyValuePair<string, string>> UserDefines(BindingRequest request)
    {
        foreach (var define in request.Defines)
        {
            var eq = define.IndexOf('=');
            yield return eq < 0
                ? new KeyValuePair<string, string>(define.Trim(), "1")
                : new KeyValuePair<string, string>(define.Substring(0, eq).Trim(), define.Substring(eq + 1));
        }
    }

    private static HeaderResult Result(BindingModel? model, DiagnosticBag diagnostics) =>
        new(model, diagnostics.Items.ToEquatableArray());
}
