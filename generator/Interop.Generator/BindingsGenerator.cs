using System.Collections.Immutable;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Frontend;
using Interop.Generator.Model;
using Interop.Generator.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace Interop.Generator;

/// <summary>
/// Binds the C headers named by <c>NativeHeader</c> items. Bindings are added in the pre-compilation
/// phase, so the SDK's LibraryImport generator sees our <c>[LibraryImport]</c> declarations and writes
/// their stubs; diagnostics are reported in the normal phase from the same cached compile. Without that
/// phase (the Roslyn 4.14 build, or a compiler whose experimental API changed) the same bindings come
/// from the normal phase in <see cref="ImportMode.DllImport"/> form.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class BindingsGenerator : IIncrementalGenerator
{
    public const string InputFilesStep = "InteropInputFiles";
    public const string FileSetStep = "InteropFileSet";
    public const string CompileStep = "InteropCompile";
    public const string SharedTypesStep = "InteropSharedTypes";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(InputFilesStep);

        var fileSet = inputs
            .Select(static (input, _) => new HeaderFileEntry(input.Path, input.Text))
            .Collect()
            .Select(static (files, _) => new HeaderFileSet(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(FileSetStep);

        var results = inputs
            .Where(static input => input.Request is not null)
            .Combine(fileSet)
            .Select(static (pair, cancellationToken) => HeaderCompiler.Compile(pair.Left.Request!, pair.Right.Read, cancellationToken))
            .WithTrackingName(CompileStep);

        // Headers bound into one namespace share the types they both include: emitted once, from one header.
        var merged = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Collect()
            .Select(static (models, _) => SharedTypes.Merge(models!))
            .WithTrackingName(SharedTypesStep);

        var models = merged.SelectMany(static (result, _) => result.Models);
        var unavailable = TryRegisterPreCompilation(context, models);
        if (unavailable is not null)
        {
            // The same bindings without the pre-compilation phase: what LibraryImport would have made of them.
            context.RegisterSourceOutput(models, static (output, model) => AddSources(output.AddSource, model, ImportMode.DllImport));
            if (unavailable.Length > 0)
            {
                // Once per compilation, and only where there is something to bind (never in a project that got us transitively).
                context.RegisterSourceOutput(
                    merged.Select(static (result, _) => result.Models.Count > 0),
                    (output, any) =>
                    {
                        if (any)
                        {
                            output.ReportDiagnostic(ToRoslyn(DiagnosticKind.PreCompilationUnavailable.At(SourceLocation.None, unavailable)));
                        }
                    });
            }
        }

        context.RegisterSourceOutput(
            merged.Select(static (result, _) => result.Diagnostics),
            ReportAll);

        context.RegisterSourceOutput(
            results.Select(static (result, _) => result.Diagnostics),
            ReportAll);
    }

    private static void ReportAll(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(ToRoslyn(diagnostic));
        }
    }

    private static HeaderInput? ReadInput(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        if (!IsEnabled(optionsProvider.GlobalOptions))
        {
            return null;
        }

        var options = optionsProvider.GetOptions(file);
        if (!options.TryGetValue("build_metadata.AdditionalFiles.InteropKind", out var kind) || kind is not ("NativeHeader" or "NativeInclude"))
        {
            return null;
        }

        var path = PathText.Normalize(file.Path);
        var text = file.GetText(cancellationToken)?.ToString() ?? "";
        BindingRequest? request = null;
        if (kind == "NativeHeader")
        {
            var global = optionsProvider.GlobalOptions;
            string? Property(string name) => global.TryGetValue("build_property." + name, out var value) && value.Length > 0 ? value : null;
            var values = new OptionValues();
            foreach (var option in BindingOptions.All)
            {
                var metadata = option.Metadata is { } name && options.TryGetValue("build_metadata.AdditionalFiles." + name, out var value) && value.Length > 0 ? value : null;
                // Properties the include task reads arrive here through its metadata.
                var property = option.Property is null || option.PropertyReader != OptionReader.Generator ? null : Property(option.Property);
                if (option.Kind == OptionKind.List)
                {
                    values.AddRange(option, BindingOptions.SplitList(metadata).Concat(BindingOptions.SplitList(property)));
                }
                else
                {
                    values.Add(option, metadata ?? property);
                }
            }

            // Relative include directories are relative to the project, as everything else in MSBuild is.
            var projectDirectory = PathText.Normalize(Property("MSBuildProjectDirectory") ?? PathText.Directory(path));
            var includeDirectories = values.List(BindingOptions.IncludeDirectories).ToList();
            values = values.Replace(BindingOptions.IncludeDirectories, includeDirectories
                .Select(d => d.Replace('\\', '/'))
                .Select(d => PathText.Normalize(d.StartsWith("/", StringComparison.Ordinal) || (d.Length > 1 && d[1] == ':') ? d : projectDirectory + "/" + d)));
            // The compiler applies .editorconfig severities to C# files only; the include task reads the header's for us.
            var severities = options.TryGetValue("build_metadata.AdditionalFiles." + BindingOptions.DiagnosticSeveritiesMetadata, out var chosen) ? BindingOptions.SplitList(chosen) : Enumerable.Empty<string>();
            request = BindingRequest.FromOptions(path, values) with { DiagnosticSeverities = severities.ToEquatableArray() };
        }

        return new HeaderInput(path, text, request);
    }

    /// <summary>
    /// Interop.props sets <c>InteropEnabled</c>: a project that got the generator without the props (NuGet flows
    /// analyzers transitively, build/ not) sees no marker, and one that set it to false turned the generator off.
    /// </summary>
    private static bool IsEnabled(AnalyzerConfigOptions global) =>
        global.TryGetValue("build_property.InteropEnabled", out var enabled) && string.Equals(enabled, "true", StringComparison.OrdinalIgnoreCase);

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Descriptors = DiagnosticKind.All.ToImmutableDictionary(
        kind => kind.Id,
        kind => new DiagnosticDescriptor(kind.Id, kind.Title, "{0}", "Interop", ToRoslyn(kind.Severity), isEnabledByDefault: true, helpLinkUri: kind.HelpLink));

    private static Diagnostic ToRoslyn(DiagnosticInfo info)
    {
        var position = new LinePosition(Math.Max(0, info.Location.Line - 1), Math.Max(0, info.Location.Column - 1));
        var location = info.Location.File.Length == 0
            ? Location.None
            : Location.Create(info.Location.File, new TextSpan(0, 0), new LinePositionSpan(position, position));
        return Diagnostic.Create(Descriptors[info.Id], location, ToRoslyn(info.Severity), additionalLocations: null, properties: null, info.Message);
    }

    private static RoslynSeverity ToRoslyn(Diagnostics.DiagnosticSeverity severity) => severity switch
    {
        Diagnostics.DiagnosticSeverity.Error => RoslynSeverity.Error,
        Diagnostics.DiagnosticSeverity.Warning => RoslynSeverity.Warning,
        _ => RoslynSeverity.Info,
    };
}
