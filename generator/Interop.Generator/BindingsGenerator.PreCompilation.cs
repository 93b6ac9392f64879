using Interop.Generator.Emit;
using Interop.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Interop.Generator;

/// <summary>
/// Where the bindings join the compilation. The pre-compilation phase (Roslyn 5.9, experimental) is used
/// through one isolated method; without it the normal phase gets the DllImport form. See docs/compiler-versions.md.
/// </summary>
public sealed partial class BindingsGenerator
{
    private readonly PreCompilationRegistration? _registerPreCompilation;

    /// <summary>Registers the bindings in the pre-compilation phase where the compiler has one (Roslyn 5.9).</summary>
    public BindingsGenerator()
#if ROSLYN4_14
        : this(null)
#else
        : this(RegisterPreCompilation)
#endif
    {
    }

    /// <summary>For tests: <paramref name="registerPreCompilation"/> stands in for the compiler's experimental API (null: it has none).</summary>
    internal BindingsGenerator(PreCompilationRegistration? registerPreCompilation) => _registerPreCompilation = registerPreCompilation;

    /// <summary>Adds the LibraryImport-mode bindings to the pre-compilation phase; throws what the runtime throws when that API is missing.</summary>
    internal delegate void PreCompilationRegistration(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<BindingModel> models);

    /// <summary>
    /// Null when the bindings went into the pre-compilation phase. Otherwise why not: empty for the Roslyn 4.14
    /// build, which never has that phase, or the failure of a compiler whose experimental API changed.
    /// </summary>
    private string? TryRegisterPreCompilation(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<BindingModel> models)
    {
        if (_registerPreCompilation is null)
        {
            return "";
        }

        try
        {
            _registerPreCompilation(context, models);
            return null;
        }
        catch (Exception e)
        {
            // Usually MissingMethodException or TypeLoadException; whatever it is, the generator must not fail to load.
            return $"this compiler's pre-compilation phase (RegisterPreCompilationSourceOutput) cannot be used ({e.GetType().Name}: {e.Message}); "
                + "the bindings are emitted as blittable DllImport forwarders with hand-written marshalling instead, with the same API. "
                + "Use the Interop package built for this compiler; see docs/compiler-versions.md";
        }
    }

#if !ROSLYN4_14
    /// <summary>
    /// The one use of the experimental pre-compilation API (RSEXPERIMENTAL007). Not inlined, and its callback
    /// is compiled here, so a compiler that changed or removed the API fails this call with
    /// MissingMethodException or TypeLoadException, which the caller turns into a diagnostic and a fallback.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RegisterPreCompilation(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<BindingModel> models)
    {
        Action<PreCompilationSourceProductionContext, BindingModel> addSources = AddPreCompilationSources;
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(addSources.Method.MethodHandle);
        context.RegisterPreCompilationSourceOutput(models, addSources);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddPreCompilationSources(PreCompilationSourceProductionContext output, BindingModel model) =>
        AddSources(output.AddSource, model, ImportMode.LibraryImport);
#endif

    private static void AddSources(Action<string, SourceText> add, BindingModel model, ImportMode mode)
    {
        foreach (var file in BindingsEmitter.Emit(model, mode))
        {
            add(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
        }
    }
}
