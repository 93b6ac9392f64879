using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// String overloads of macro methods, called for real through glibc's <c>strlen</c> in both import modes: one whose
/// parameter inference finds passed as a string, one whose <c>const char *</c> the MacroSignatures metadata states,
/// and the facade member, which takes the string too.
/// </summary>
public sealed class MacroStringCallTests
{
    private const string Header = """
        #include <stddef.h>
        size_t strlen(const char *s);
        #define LENGTH_OF(s) strlen(s)
        #define STATED_LENGTH(s) strlen((const char *)(s))
        """;

    private const string Probe = """
        using Test.Native;
        public static class Probe
        {
            public static string Run() =>
                $"{TestLib.LENGTH_OF("h\u00e9llo")}|{TestLib.STATED_LENGTH("abc")}|{TestLibNative.Instance.LENGTH_OF("four")}|{TestLibNative.Instance.STATED_LENGTH("")}";
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Macro_string_overloads_encode_UTF8_and_call_the_real_strlen(bool libraryImport)
    {
        var item = Header("/src/len.h", Header, library: "c");
        var metadata = new Dictionary<string, string>(item.Metadata) { ["InteropMacroSignatures"] = "STATED_LENGTH(const char *) -> size_t" };
        var driver = libraryImport
            ? Driver([item with { Metadata = metadata }], withLibraryImport: true)
            : Driver([item with { Metadata = metadata }], generator: new BindingsGenerator(registerPreCompilation: null));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(Probe), out var compilation, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("macro-strings-" + Guid.NewGuid(), isCollectible: true);
        context.ResolvingUnmanagedDll += (_, name) => name == "c" ? System.Runtime.InteropServices.NativeLibrary.Load("libc.so.6") : 0;
        var probe = context.LoadFromStream(image).GetType("Probe", throwOnError: true)!;

        // "héllo" is 6 bytes of UTF-8.
        Assert.Equal("6|3|4|0", probe.GetMethod("Run")!.Invoke(null, null));
    }
}
