using System.CommandLine;

namespace Interop.Bindgen;

/// <summary>The command line: <c>interop-bindgen HEADER -o OUTDIR [-I DIR]... [-D NAME[=VALUE]]... [--library NAME] [--namespace NS] [--class NAME]</c>.</summary>
internal static class BindgenCommand
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var header = new Argument<FileInfo>("header") { Description = "The C header to bind." };
        var outputDirectory = new Option<DirectoryInfo>("--output", "-o") { Description = "Directory to write the .cs files to.", Required = true };
        var includes = new Option<string[]>("--include-directory", "-I") { Description = "Directory searched by #include (repeatable).", AllowMultipleArgumentsPerToken = false };
        var defines = new Option<string[]>("--define", "-D") { Description = "Macro defined before the header is read: NAME or NAME=VALUE (repeatable)." };
        var library = new Option<string?>("--library") { Description = "Native library name passed to LibraryImport (default: the header's file name)." };
        var ns = new Option<string?>("--namespace") { Description = "Namespace of the bindings (default: Interop.Bindings)." };
        var className = new Option<string?>("--class") { Description = "Name of the static bindings class (default: the library name in PascalCase)." };
        var variadic = new Option<string[]>("--variadic") { Description = "A fixed-arity form of a variadic function to bind, e.g. \"curl_easy_setopt(long)\" (repeatable; integer and pointer arguments only)." };
        var handles = new Option<string[]>("--handle") { Description = "A create/destroy pair to wrap in a SafeHandle: TYPE=RELEASE_FUNCTION, e.g. sqlite3=sqlite3_close (repeatable)." };
        var noHandleHeuristics = new Option<bool>("--no-handle-heuristics") { Description = "Do not find create/destroy pairs by their names." };
        var spans = new Option<string[]>("--span") { Description = "A pointer and length pair to take as one span: FUNCTION(POINTER,LENGTH), FUNCTION may be * (repeatable)." };
        var noAmbient = new Option<bool>("--no-ambient") { Description = "Do not emit the ambient accessor (Class.Current / Class.Use), which needs Interop.Runtime." };
        var suppressGCTransition = new Option<string[]>("--suppress-gc-transition") { Description = "A function safe to call without a GC transition (short, never blocking or calling back into .NET) (repeatable)." };
        var target = new Option<string?>("--target") { Description = "Target triple: x86_64-linux-gnu (default), aarch64-linux-gnu, x86_64-windows-msvc or aarch64-apple-darwin." };

        var command = new RootCommand("Generates C# bindings (LibraryImport declarations, structs, enums, constants and a mockable facade) from a C header.")
        {
            header, outputDirectory, includes, defines, library, ns, className, target, variadic, handles, noHandleHeuristics, spans, noAmbient, suppressGCTransition,
        };

        command.SetAction(parse => BindgenRunner.Run(
            new BindgenOptions(
                parse.GetValue(header)!.FullName,
                parse.GetValue(outputDirectory)!.FullName,
                parse.GetValue(includes) ?? Array.Empty<string>(),
                parse.GetValue(defines) ?? Array.Empty<string>(),
                parse.GetValue(library),
                parse.GetValue(ns),
                parse.GetValue(className),
                parse.GetValue(target),
                parse.GetValue(variadic) ?? Array.Empty<string>(),
                parse.GetValue(handles) ?? Array.Empty<string>(),
                !parse.GetValue(noHandleHeuristics),
                parse.GetValue(spans) ?? Array.Empty<string>(),
                !parse.GetValue(noAmbient),
                parse.GetValue(suppressGCTransition) ?? Array.Empty<string>()),
            output,
            error));
        return command;
    }
}
