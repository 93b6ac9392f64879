using Interop.Generator.Model;

namespace Interop.Generator.Emit.Parameters;

/// <summary>
/// The <c>string?</c> result shape: a <c>const char*</c> result is borrowed (the library owns it, as with
/// <c>sqlite3_libversion</c> or <c>zlibVersion</c>), so the overload copies it as UTF-8 and never frees it; a <c>char*</c>
/// the caller must free gets one only when the <c>OwnedStrings</c> option names the release function, which is called
/// after the copy. C# cannot overload on the return type alone, so the overload is named <c>{function}_string</c>.
/// </summary>
internal static class StringResults
{
    public static void EmitOverload(SourceWriter w, FunctionModel function, StringResultModel result)
    {
        var parameters = function.Parameters.Select(p => FunctionEmitter.ForwardedDeclaration(function, p));
        var call = $"{CSharpNames.Escape(function.Name)}({string.Join(", ", function.Parameters.Select(p => FunctionEmitter.ForwardedArgument(function, p)))})";
        var signature = $"public static string? {CSharpNames.Escape(result.Overload)}({string.Join(", ", parameters)})";
        const string copy = "global::System.Runtime.InteropServices.Marshal.PtrToStringUTF8";

        w.Line();
        w.Line(result.Release is null
            ? $"/// <summary><c>{function.Name}</c>'s text, copied into a string (null for a null pointer); the native string is the library's and is not freed.</summary>"
            : $"/// <summary><c>{function.Name}</c>'s text, copied into a string (null for a null pointer), then freed with <c>{result.Release}</c>.</summary>");
        if (result.Release is null)
        {
            w.Line($"{signature} => {copy}((nint){call});");
            return;
        }

        w.Open(signature);
        w.Line($"var __text = {call};");
        w.Open("try");
        w.Line($"return {copy}((nint)__text);");
        w.Close();
        w.Open("finally");
        w.Open("if (__text != null)");
        w.Line($"{CSharpNames.Escape(result.Release)}(({TypeText.Of(result.ReleaseParameter!)})__text);");
        w.Close();
        w.Close();
        w.Close();
    }
}
