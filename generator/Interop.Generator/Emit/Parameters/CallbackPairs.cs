using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// The callback shape: a function-pointer parameter and the <c>void*</c> user data C hands back to it, offered as one
/// C# delegate (a lambda may capture what it likes). The overload puts the delegate in a closure, passes a
/// <see cref="System.Runtime.InteropServices.GCHandle"/> to it as the user data and an <c>[UnmanagedCallersOnly]</c>
/// trampoline as the callback, so no <c>Marshal.GetFunctionPointerForDelegate</c> is needed (AOT-safe). An exception the
/// delegate throws must never unwind through C frames: the trampoline catches it, returns the pair's after-throw value
/// to C (0 unless the <c>Callbacks</c> option says otherwise) and skips the delegate from then on, and the overload
/// rethrows it, with its original stack trace, once the native call has returned. The closure lives for the call only.
/// </summary>
internal static class CallbackPairs
{
    private const string InteropServices = "global::System.Runtime.InteropServices";

    /// <summary>The closure type, nested once in a bindings class that has callback pairs.</summary>
    public const string ClosureType = "__InteropCallbackClosure";

    /// <summary>The delegate types, trampolines and closure type a bindings class needs, written inside it.</summary>
    public static void EmitSupport(SourceWriter w, BindingModel model)
    {
        var pairs = model.Functions.SelectMany(f => f.Callbacks).GroupBy(p => p.DelegateName).Select(g => g.First()).ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        foreach (var pair in pairs)
        {
            var parameters = DelegateParameters(pair).Select(k => $"{TypeText.Of(pair.Signature.Parameters[k])} {CSharpNames.Escape(pair.ParameterNames[k])}");
            w.Line();
            w.Line($"/// <summary>A C# callback for a C function pointer whose user data (<c>{pair.ParameterNames[pair.UserDataSlot]}</c>) the closure replaces. It is called only during the call it is passed to.</summary>");
            w.Line($"public delegate {TypeText.Of(pair.Signature.ReturnType)} {CSharpNames.Escape(pair.DelegateName)}({string.Join(", ", parameters)});");

            w.Line();
            w.Line($"[{InteropServices}.UnmanagedCallersOnly(CallConvs = new[] {{ typeof(global::System.Runtime.CompilerServices.CallConvCdecl) }})]");
            var native = pair.Signature.Parameters.Select((t, k) => $"{TypeText.Of(t)} {CSharpNames.Escape(pair.ParameterNames[k])}");
            var returns = !pair.Signature.ReturnType.IsVoid;
            w.Open($"private static {TypeText.Of(pair.Signature.ReturnType)} {Trampoline(pair)}({string.Join(", ", native)})");
            w.Line($"var __closure = ({ClosureType}<{CSharpNames.Escape(pair.DelegateName)}>){InteropServices}.GCHandle.FromIntPtr((nint){CSharpNames.Escape(pair.ParameterNames[pair.UserDataSlot])}).Target!;");
            w.Open("if (!__closure.Failed)");
            w.Open("try");
            var call = $"__closure.Callback({string.Join(", ", DelegateParameters(pair).Select(k => CSharpNames.Escape(pair.ParameterNames[k])))})";
            w.Line(returns ? $"return {call};" : $"{call};");
            w.Close();
            w.Open("catch (global::System.Exception __e)");
            w.Line("__closure.Fail(__e);");
            w.Close();
            w.Close();
            if (returns)
            {
                w.Line();
                w.Line($"return {AfterThrow(pair)};");
            }

            w.Close();
        }

        w.Line();
        w.Line("/// <summary>What a delegate overload hands C as user data: the delegate, and the first exception it threw, kept for the caller.</summary>");
        w.Open($"private sealed class {ClosureType}<TDelegate> where TDelegate : class");
        w.Line("private global::System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;");
        w.Line();
        w.Line($"public {ClosureType}(TDelegate callback) => Callback = callback;");
        w.Line();
        w.Line("public TDelegate Callback { get; }");
        w.Line();
        w.Line("public bool Failed => global::System.Threading.Volatile.Read(ref _failure) is not null;");
        w.Line();
        w.Line("public void Fail(global::System.Exception exception) =>");
        w.Line("    global::System.Threading.Interlocked.CompareExchange(ref _failure, global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception), null);");
        w.Line();
        w.Line("public void RethrowIfFailed() => global::System.Threading.Volatile.Read(ref _failure)?.Throw();");
        w.Close();
    }

    /// <summary>
    /// The overload taking a delegate for each pair of <paramref name="function"/>; the other parameters are declared
    /// as the friendly overload declares them (strings, handles, out values) and passed on to it.
    /// </summary>
    public static void EmitOverload(SourceWriter w, FunctionModel function)
    {
        var pairs = function.Callbacks.ToDictionary(p => p.Callback);
        var userData = function.Callbacks.ToDictionary(p => p.UserData);
        var parameters = function.Parameters.Where(p => !userData.ContainsKey(p.Name)).Select(p =>
            pairs.TryGetValue(p.Name, out var pair) ? $"{CSharpNames.Escape(pair.DelegateName)}? {CSharpNames.Escape(p.Name)}"
            : FunctionEmitter.ForwardedDeclaration(function, p));
        var arguments = function.Parameters.Select(p =>
            pairs.TryGetValue(p.Name, out var pair) ? Local(pair, "pointer")
            : userData.TryGetValue(p.Name, out var owner) ? $"({TypeText.Of(p.Type)}){InteropServices}.GCHandle.ToIntPtr({Local(owner, "handle")})"
            : FunctionEmitter.ForwardedArgument(function, p));

        w.Line();
        w.Doc(function.Doc, function.Parameters.Where(p => !userData.ContainsKey(p.Name)).Select(p => p.Name));
        w.Open($"public static {TypeText.Of(function.ReturnType)} {CSharpNames.Escape(function.Name)}({string.Join(", ", parameters)})");
        foreach (var pair in function.Callbacks)
        {
            var callback = CSharpNames.Escape(pair.Callback);
            w.Line($"var {Local(pair, "closure")} = {callback} is null ? null : new {ClosureType}<{CSharpNames.Escape(pair.DelegateName)}>({callback});");
            w.Line($"var {Local(pair, "handle")} = {Local(pair, "closure")} is null ? default : {InteropServices}.GCHandle.Alloc({Local(pair, "closure")});");
            w.Line($"{TypeText.Of(pair.Signature)} {Local(pair, "pointer")} = null;");
            w.Open($"if ({Local(pair, "closure")} is not null)");
            w.Line($"{Local(pair, "pointer")} = &{Trampoline(pair)};");
            w.Close();
        }

        w.Open("try");
        var call = $"{CSharpNames.Escape(function.Name)}({string.Join(", ", arguments)})";
        var returns = !function.ReturnType.IsVoid;
        w.Line(returns ? $"var __result = {call};" : $"{call};");
        foreach (var pair in function.Callbacks)
        {
            w.Line($"{Local(pair, "closure")}?.RethrowIfFailed();");
        }

        if (returns)
        {
            w.Line("return __result;");
        }

        w.Close();
        w.Open("finally");
        foreach (var pair in function.Callbacks)
        {
            w.Open($"if ({Local(pair, "closure")} is not null)");
            w.Line($"{Local(pair, "handle")}.Free();");
            w.Close();
        }

        w.Close();
        w.Close();
    }

    private static IEnumerable<int> DelegateParameters(CallbackPairModel pair) =>
        Enumerable.Range(0, pair.Signature.Parameters.Count).Where(k => k != pair.UserDataSlot);

    private static string Trampoline(CallbackPairModel pair) => $"__{pair.DelegateName}_Trampoline";

    // C names never start with two underscores and a parameter's name, so these locals cannot shadow a parameter.
    private static string Local(CallbackPairModel pair, string what) => $"__{pair.Callback}_{what}";

    private static string AfterThrow(CallbackPairModel pair)
    {
        if (pair.AfterThrow is null)
        {
            return "default";
        }

        var type = TypeText.Of(pair.Signature.ReturnType);
        return pair.Signature.ReturnType.IsCLong ? $"new {type}({pair.AfterThrow})" : $"unchecked(({type})({pair.AfterThrow}))";
    }
}
