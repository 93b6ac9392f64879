namespace Interop.Package.Tests;

/// <summary>
/// Scenario (b): a class library binds a header; an app that references the library (and gets Interop only
/// through it) uses the library's bindings, generates none of its own, and gets the native library in its output.
/// </summary>
public sealed class LibraryAndAppTests
{
    [Fact]
    public async Task App_UsesTheLibrarysBindings_WithoutDuplicates_AndShipsTheNativeLibrary()
    {
        var workspace = await ConsumerWorkspace.CreateAsync("library-and-app", "LibraryAndApp", "native/geometry");

        var run = await workspace.DotnetSucceedsAsync("LibraryAndApp/App", "run");

        var output = run.StandardOutput;
        Assert.Contains("ruler=7", output);
        Assert.Contains("direct=5", output);
        Assert.Contains("bindings-assembly=Shapes", output);
        Assert.Contains("facade-assembly=Shapes", output);
        Assert.Contains("app-binding-types=0", output);
        Assert.DoesNotContain("CS0436", output); // a type defined both in the app and in a referenced assembly
        Assert.DoesNotContain("INTEROP", output); // the generator said nothing about either project
        Assert.True(File.Exists(workspace.PathOf("LibraryAndApp/App/bin/Debug/net10.0/libgeometry.so")), "the library's native library reaches the app's output");
        // The app emits its generated files to disk (EmitCompilerGeneratedFiles): none come from Interop's generator.
        var generated = workspace.PathOf("LibraryAndApp/App/obj/Debug/net10.0/generated");
        Assert.False(Directory.Exists(Path.Combine(generated, "Interop.Generator")), "the app must not generate bindings");
    }
}
