using System.Globalization;
using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Callbacks with closures and the types around them: a function-pointer parameter whose signature takes one
/// <c>void*</c> that the function also takes (the user-data pattern of <c>sqlite3_exec</c> and <c>qsort_r</c>) is paired
/// with it, so the emitter can offer one C# delegate; typedefs of function pointers become named types; and
/// <c>const char*</c> results (or <c>char*</c> ones the user names a release function for) get a <c>string?</c> overload.
/// </summary>
internal sealed partial class BindingBuilder
{
    /// <summary>
    /// Words in a function's name that say it keeps the callback after it returns (<c>sqlite3_busy_handler</c>,
    /// <c>sqlite3_commit_hook</c>, <c>sqlite3_trace_v2</c>). The delegate overload frees its closure when the call
    /// returns, so such a pair is offered only when the user names it in the <c>Callbacks</c> option.
    /// </summary>
    private static readonly string[] RegistrationWords =
    {
        "hook", "handler", "register", "install", "set", "add", "trace", "profile", "progress", "authorizer", "subscribe", "listen", "watch", "on_",
    };

    private EquatableArray<CallbackPairModel> CallbackPairs(FunctionDecl function, List<ParameterModel> parameters)
    {
        var pairs = new List<CallbackPairModel>();
        var named = NamedCallbackPairs(function, parameters);
        var usedUserData = new HashSet<int>(named.Select(n => n.UserData));
        for (var i = 0; i < parameters.Count; i++)
        {
            var declared = function.Type.Parameters[i].Type;
            if (declared.Canonical is not PointerType { Pointee.Canonical: FunctionType callback } || callback.IsVariadic)
            {
                continue;
            }

            if (parameters[i].Type is not FunctionPointerTypeRef)
            {
                continue; // a 32-bit __ptr32 function pointer is bound as a uint
            }

            if (named.FindIndex(n => n.Callback == i) is var index and >= 0)
            {
                if (Pair(function, parameters, i, named[index].UserData, callback, named[index].AfterThrow) is { } pair)
                {
                    pairs.Add(pair);
                }

                continue;
            }

            var slots = UserDataSlots(callback);
            if (slots.Count != 1)
            {
                continue; // no user data goes back to this callback: a plain function pointer
            }

            var candidates = Enumerable.Range(0, parameters.Count).Where(k => k != i && !usedUserData.Contains(k) && IsUserData(function.Type.Parameters[k].Type)).ToList();
            // The user data follows the callback in every API we know (qsort_r, sqlite3_exec, bsearch_s); else it is the only void*.
            var userData = candidates.Contains(i + 1) ? i + 1 : candidates.Count == 1 ? candidates[0] : -1;
            if (userData < 0)
            {
                if (candidates.Count > 1)
                {
                    _diagnostics.Report(DiagnosticKind.CallbackNotOffered, function.Location,
                        $"'{function.Name}': which void* parameter is '{parameters[i].Name}'s user data is ambiguous ({string.Join(", ", candidates.Select(k => parameters[k].Name))}); name it with Callbacks=\"{function.Name}({parameters[i].Name},USER_DATA)\" to get a delegate overload");
                }

                continue;
            }

            var lowered = function.Name.ToLowerInvariant();
            if (RegistrationWords.FirstOrDefault(word => lowered.Contains(word)) is { } word)
            {
                _diagnostics.Report(DiagnosticKind.CallbackNotOffered, function.Location,
                    $"'{function.Name}' may keep '{parameters[i].Name}' after it returns (its name has '{word}'), and a delegate overload frees its closure when the call returns; if the callback is only called during the call, name the pair with Callbacks=\"{function.Name}({parameters[i].Name},{parameters[userData].Name})\"");
                continue;
            }

            usedUserData.Add(userData);
            if (Pair(function, parameters, i, userData, callback, null) is { } found)
            {
                pairs.Add(found);
            }
        }

        return pairs.ToEquatableArray();
    }

    private CallbackPairModel? Pair(FunctionDecl function, List<ParameterModel> parameters, int callbackIndex, int userDataIndex, FunctionType callback, string? afterThrow)
    {
        var slots = UserDataSlots(callback);
        if (slots.Count != 1)
        {
            _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location,
                $"Callbacks entry for '{function.Name}': '{parameters[callbackIndex].Name}' must take exactly one void* for the user data, and it takes {slots.Count}");
            return null;
        }

        if (afterThrow is not null && callback.ReturnType.Canonical is not (PrimitiveType { Kind: not (PrimitiveKind.Void or PrimitiveKind.Float or PrimitiveKind.Double or PrimitiveKind.LongDouble) } or EnumType))
        {
            _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location,
                $"Callbacks entry for '{function.Name}': '{parameters[callbackIndex].Name}' does not return an integer, so '={afterThrow}' cannot be its result after a throw");
            afterThrow = null;
        }

        var signature = (FunctionPointerTypeRef)parameters[callbackIndex].Type;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parameterNames = callback.Parameters.Select((p, k) => UniqueName(p.Name is { Length: > 0 } n ? n : "arg" + k.ToString(CultureInfo.InvariantCulture), names)).ToEquatableArray();
        var delegateName = function.Type.Parameters[callbackIndex].Type is TypedefType typedef
            ? typedef.Decl.Name + "_delegate"
            : function.Name + "_" + parameters[callbackIndex].Name + "_delegate";
        return new CallbackPairModel(parameters[callbackIndex].Name, parameters[userDataIndex].Name, slots[0], delegateName, signature, parameterNames, afterThrow);
    }

    /// <summary>The pairs the <c>Callbacks</c> option names for <paramref name="function"/>, by parameter index.</summary>
    private List<(int Callback, int UserData, string? AfterThrow)> NamedCallbackPairs(FunctionDecl function, List<ParameterModel> parameters)
    {
        var named = new List<(int, int, string?)>();
        foreach (var entry in _request.Callbacks)
        {
            var open = entry.IndexOf('(');
            var close = entry.IndexOf(')');
            if (open <= 0 || close < open || entry.Substring(0, open) != function.Name)
            {
                continue;
            }

            var names = entry.Substring(open + 1, close - open - 1).Split(',');
            var afterThrow = entry.IndexOf('=', close) is var equals and > 0 ? entry.Substring(equals + 1) : null;
            var callback = parameters.FindIndex(p => p.Name == names[0]);
            var userData = names.Length == 2 ? parameters.FindIndex(p => p.Name == names[1]) : -1;
            if (callback < 0 || userData < 0 || function.Type.Parameters[callback].Type.Canonical is not PointerType { Pointee.Canonical: FunctionType { IsVariadic: false } }
                || function.Type.Parameters[userData].Type.Canonical is not PointerType)
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location,
                    $"Callbacks entry '{entry}': '{function.Name}' has no function-pointer parameter '{names[0]}' with a pointer parameter '{(names.Length > 1 ? names[1] : "")}' (its parameters: {string.Join(", ", parameters.Select(p => p.Name))})");
                continue;
            }

            named.Add((callback, userData, afterThrow));
        }

        return named;
    }

    /// <summary>Every <c>Callbacks</c> entry must name a function of the bound files: a typo is an error, never silence.</summary>
    private void CheckCallbackEntriesMatched(IEnumerable<FunctionModel> functions)
    {
        var bound = new HashSet<string>(functions.Select(f => f.Name), StringComparer.Ordinal);
        foreach (var entry in _request.Callbacks.Concat(_request.OwnedStrings))
        {
            var name = entry.Substring(0, Math.Max(0, entry.IndexOfAny(new[] { '(', '=' })));
            if (!bound.Contains(name))
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, new SourceLocation(_request.HeaderPath, 1, 1),
                    $"'{entry}' names '{name}', which is not a function bound from {_request.HeaderFileName}");
            }
        }
    }

    private static List<int> UserDataSlots(FunctionType callback) =>
        Enumerable.Range(0, callback.Parameters.Count).Where(k => IsUserData(callback.Parameters[k].Type)).ToList();

    /// <summary>A non-const <c>void*</c>: what C passes user data as (a <c>const void*</c> is an element being compared).</summary>
    private static bool IsUserData(CType type) =>
        type.Canonical is PointerType { Pointee: var pointee } && !pointee.IsConst && pointee.Canonical is PrimitiveType { Kind: PrimitiveKind.Void };

    /// <summary>
    /// The name of the <c>string?</c> overload of a function returning text, and the function that frees it when the
    /// caller owns it: a <c>const char*</c> is borrowed (copied, never freed); a <c>char*</c> gets an overload only when
    /// <c>OwnedStrings</c> names its release function, since nothing in C says who frees it.
    /// </summary>
    private StringResultModel? StringResult(FunctionDecl function)
    {
        var release = _request.OwnedStrings.FirstOrDefault(e => e.Split('=')[0] == function.Name)?.Split('=')[1];
        var returned = function.Type.ReturnType.Canonical;
        if (returned is not PointerType { Pointee: var pointee } || pointee.Canonical is not PrimitiveType { Kind: PrimitiveKind.Char })
        {
            if (release is not null)
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location, $"OwnedStrings names '{function.Name}', which does not return char*");
            }

            return null;
        }

        if (!pointee.IsConst && release is null)
        {
            return null; // who frees a char* is not in the header: only OwnedStrings says
        }

        TypeRef? releaseParameter = null;
        if (release is not null)
        {
            var releaser = _declarationsByName.TryGetValue(release, out var found) ? found[0] : null;
            if (releaser is null || releaser.Type.Parameters.Count != 1 || releaser.Type.Parameters[0].Type.Canonical is not PointerType)
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, function.Location,
                    $"OwnedStrings entry '{function.Name}={release}': '{release}' must be a function of the header taking one pointer");
                return null;
            }

            releaseParameter = MapType(releaser.Type.Parameters[0].Type);
        }

        var overload = function.Name + "_string";
        if (_declarationsByName.ContainsKey(overload))
        {
            _diagnostics.Report(DiagnosticKind.CallbackNotOffered, function.Location, $"'{function.Name}' gets no string? overload: its name, '{overload}', is a function of the header");
            return null;
        }

        return new StringResultModel(overload, release, releaseParameter);
    }

    /// <summary>A typedef of a function pointer in a bound file, as a named C# type.</summary>
    private FunctionPointerTypedefModel? FunctionPointerTypedef(TypedefDecl typedef)
    {
        if (typedef.Type.Canonical is not PointerType { Pointee.Canonical: FunctionType { IsVariadic: false } function } || !_usedNames.Add(typedef.Name))
        {
            return null;
        }

        try
        {
            var type = (FunctionPointerTypeRef)FunctionPointer(function);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var parameterNames = function.Parameters.Select((p, k) => UniqueName(p.Name is { Length: > 0 } n ? n : "arg" + k.ToString(CultureInfo.InvariantCulture), names)).ToEquatableArray();
            return new FunctionPointerTypedefModel(typedef.Name, type, parameterNames, typedef.Doc);
        }
        catch (UnsupportedTypeException e)
        {
            _diagnostics.Report(DiagnosticKind.Unsupported, typedef.Location, $"the function pointer type '{typedef.Name}' is not bound: {e.Message}");
            return null;
        }
    }
}
