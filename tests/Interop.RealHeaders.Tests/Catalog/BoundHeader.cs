using System.Collections.Concurrent;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Clang;
using Interop.RealHeaders.Tests.Oracle;
using Interop.RealHeaders.Tests.Roslyn;

namespace Interop.RealHeaders.Tests.Catalog;

/// <summary>
/// A real header carried through every stage once per test run: our compiler, the C# compilation, the
/// clang probe and clang's function list. Each stage is computed on first use and shared by all tests,
/// so the expensive steps (Roslyn, clang) run once per header however many tests look at them.
/// </summary>
public sealed class BoundHeader
{
    private static readonly ConcurrentDictionary<string, BoundHeader> Cache = new();

    private readonly Lazy<HeaderResult> _result;
    private readonly Lazy<BindingsCompilation> _compilation;
    private readonly Lazy<BindingsCompilation> _fallbackCompilation;
    private readonly Lazy<Task<ProbeReport>> _probe;
    private readonly Lazy<Task<IReadOnlyList<ClangFunction>>> _clangFunctions;
    private readonly Lazy<Task<IReadOnlyDictionary<MacroConstantKind, IReadOnlyList<string>>>> _clangMacroConstants;

    private BoundHeader(RealHeader header)
    {
        Header = header;
        _result = new(() => HeaderCompiler.Compile(
            BindingRequest.Create(header.HeaderPath, header.LibraryName, header.Namespace, header.ClassName, header.IncludeDirectories),
            path => File.Exists(path) ? File.ReadAllText(path) : null));
        _compilation = new(() => BindingsCompilation.Create(Model, "RealHeaders." + header.ClassName));
        _fallbackCompilation = new(() => BindingsCompilation.Create(Model, "RealHeaders." + header.ClassName, Generator.Emit.ImportMode.DllImport));
        _probe = new(() => ClangProbe.RunAsync(header, ProbeProgramBuilder.Build(Model, Compilation.Compilation)));
        _clangFunctions = new(() => ClangAstFunctions.ReadAsync(header));
        _clangMacroConstants = new(() => Clang.ClangMacroConstants.ReadAsync(header));
    }

    public RealHeader Header { get; }

    public HeaderResult Result => _result.Value;

    /// <summary>The model; a test that needs it fails with our error diagnostics when there is none.</summary>
    public BindingModel Model => Result.Model ?? throw new Xunit.Sdk.XunitException(
        $"{Header.HeaderPath} produced no model:\n" + string.Join("\n", Errors));

    public IEnumerable<DiagnosticInfo> Errors => Result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public BindingsCompilation Compilation => _compilation.Value;

    /// <summary>The same bindings in the form the Roslyn 4.14 build emits (DllImport forwarders, marshalling by hand).</summary>
    public BindingsCompilation FallbackCompilation => _fallbackCompilation.Value;

    public Task<ProbeReport> Probe => _probe.Value;

    public Task<IReadOnlyList<ClangFunction>> ClangFunctions => _clangFunctions.Value;

    /// <summary>The header's own macros that clang evaluates as constants, by kind.</summary>
    public Task<IReadOnlyDictionary<MacroConstantKind, IReadOnlyList<string>>> ClangMacroConstants => _clangMacroConstants.Value;

    /// <summary>The header's shared state for this run, after checking its package and clang are installed.</summary>
    public static BoundHeader Get(string id)
    {
        var header = HeaderCatalog.Get(id);
        header.RequireInstalled();
        Clang14.RequireInstalled();
        return Cache.GetOrAdd(id, _ => new BoundHeader(header));
    }
}
