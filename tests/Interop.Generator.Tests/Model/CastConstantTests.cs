using Interop.Generator.Emit;

namespace Interop.Generator.Tests.Model;

/// <summary>A #define whose value is one cast takes the cast's type, as its C type is (checked for expat and sqlite3 by the clang oracle); pointer casts: <see cref="PointerConstantTests"/>.</summary>
public sealed class CastConstantTests
{
    private const string Prelude = """
        #include <stddef.h>
        #include <stdint.h>
        typedef unsigned char B;
        typedef void (*destructor)(void*);
        enum mode { MODE_A, MODE_B, MODE_C };
        """;

    [Theory]
    [InlineData("#define V ((B)1)", "byte", "1")]
    [InlineData("#define V ((short)-5)", "short", "-5")]
    [InlineData("#define V ((unsigned char)0x1ff)", "byte", "255")]
    [InlineData("#define V ((enum mode)2)", "mode", "(mode)(2)")]
    [InlineData("#define V (B)1 + 2", "int", "3")]
    [InlineData("#define V ((B)(1 << 3))", "byte", "8")]
    [InlineData("#define V ((size_t)-1)", "ulong", "18446744073709551615UL")]
    [InlineData("#define V ((size_t)4096)", "nuint", "4096")]
    [InlineData("#define V ((intptr_t)-1)", "nint", "-1")]
    public void CastDefine_HasTheCastsType(string define, string type, string literal)
    {
        var result = TestHeaders.Compile(Prelude + "\n" + define + "\nvoid f(enum mode m);\n");

        var constant = Assert.Single(result.Model!.Constants, c => c.Name == "V");
        Assert.Equal((type, literal), (TypeText.Of(constant.Type), constant.Value));
    }
}
