using Interop.Generator.Emit;
using Interop.Generator.Model;
using Interop.Generator.Tests.Generator;
using Microsoft.CodeAnalysis;

namespace Interop.Generator.Tests.Model;

/// <summary>
/// A #define that casts an integer to a pointer (sqlite3's <c>SQLITE_TRANSIENT</c>, <c>((void*)-1)</c>, <c>((FILE*)0)</c>)
/// is a static property of the type a parameter of that C type binds as, so it passes to the C API with no cast.
/// </summary>
public sealed class PointerConstantTests
{
    private const string Header = """
        typedef void (*destructor)(void*);
        struct file;
        typedef struct file FILE_T;
        #define KEEP ((destructor)0)
        #define COPY ((destructor)-1)
        #define FAILED ((void*)-1)
        #define NO_FILE ((FILE_T*)0)
        #define HIGH ((void*)0xffffffffu)
        int bind_text(const char *text, destructor release);
        int bind_raw(const char *text, void (*release)(void*));
        void *map(int n);
        int close_file(FILE_T *f);
        """;

    [Theory]
    [InlineData("KEEP", "delegate* unmanaged[Cdecl]<void*, void>", "0L")]
    [InlineData("COPY", "delegate* unmanaged[Cdecl]<void*, void>", "-1L")]
    [InlineData("FAILED", "void*", "-1L")]
    [InlineData("NO_FILE", "FILE_T*", "0L")]
    [InlineData("HIGH", "void*", "4294967295L")]
    public void A_pointer_cast_constant_has_the_pointer_type(string name, string type, string value)
    {
        var constant = Assert.Single(TestHeaders.Compile(Header).Model!.Constants, c => c.Name == name);

        Assert.Equal((type, value), (TypeText.Of(constant.Type), constant.Value));
    }

    [Fact]
    public void The_constant_has_the_type_of_the_parameters_declared_with_its_C_type()
    {
        var model = TestHeaders.Compile(Header).Model!;
        var copy = model.Constants.Single(c => c.Name == "COPY").Type;

        Assert.Equal(copy, model.Functions.Single(f => f.Name == "bind_text").Parameters[1].Type);
        Assert.Equal(copy, model.Functions.Single(f => f.Name == "bind_raw").Parameters[1].Type);
    }

    [Fact]
    public void It_is_emitted_as_a_property_converting_the_integer_as_C_does()
    {
        var text = BindingsEmitter.Emit(TestHeaders.Compile(Header).Model!)[0].Text;

        Assert.Contains("public static delegate* unmanaged[Cdecl]<void*, void> COPY => unchecked(((delegate* unmanaged[Cdecl]<void*, void>)(void*)(nint)(-1L)));", text);
        Assert.Contains("public static void* FAILED => unchecked(((void*)(void*)(nint)(-1L)));", text);
    }

    [Fact]
    public void User_code_passes_the_constants_to_the_functions_and_compares_results_with_them_without_casts()
    {
        const string use = """
            using Test.Native;
            public static unsafe class Use
            {
                public static int Run(destructor named)
                {
                    var a = TestLib.bind_text("x", TestLib.COPY) + TestLib.bind_raw("y", TestLib.KEEP);
                    var failed = TestLib.map(1) == TestLib.FAILED;
                    destructor typed = TestLib.COPY; // the named function-pointer type converts implicitly
                    return a + (failed ? 1 : 0) + TestLib.close_file(TestLib.NO_FILE) + (typed.IsNull ? 0 : 1);
                }
            }
            """;
        var model = TestHeaders.Compile(Header).Model! with { Namespace = "Test.Native", ClassName = "TestLib" };
        var sources = BindingsEmitter.Emit(model, ImportMode.DllImport).Select(f => f.Text).Append(use).ToArray();

        var errors = GeneratorHarness.Compilation(sources).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_value_of_the_property_is_the_pointer_C_makes()
    {
        var model = TestHeaders.Compile(Header).Model! with { Namespace = "Test.Native", ClassName = "TestLib" };
        var compilation = GeneratorHarness.Compilation(BindingsEmitter.Emit(model, ImportMode.DllImport).Select(f => f.Text).ToArray());
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        image.Position = 0;
        var type = new System.Runtime.Loader.AssemblyLoadContext("pointer constants", isCollectible: true).LoadFromStream(image).GetType("Test.Native.TestLib")!;

        unsafe
        {
            Assert.Equal(-1L, (long)System.Reflection.Pointer.Unbox(type.GetProperty("FAILED")!.GetValue(null)!));
            Assert.Equal(0xffffffffL, (long)System.Reflection.Pointer.Unbox(type.GetProperty("HIGH")!.GetValue(null)!));
        }
    }
}
