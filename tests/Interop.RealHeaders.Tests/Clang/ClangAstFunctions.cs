using System.Text.Json;
using CliWrap;
using Interop.RealHeaders.Tests.Catalog;

namespace Interop.RealHeaders.Tests.Clang;

/// <summary>
/// The function declarations of a header according to clang: <c>-ast-dump=json</c> of a file that
/// includes it, keeping the top-level <c>FunctionDecl</c>s located in the library's own files. Only
/// what the preprocessor kept for this target is in the AST, so declarations for other platforms drop out.
/// </summary>
public static class ClangAstFunctions
{
    public static async Task<IReadOnlyList<ClangFunction>> ReadAsync(RealHeader header)
    {
        var directory = Directory.CreateTempSubdirectory("realheaders-ast-" + header.Id + "-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "ast.c"), $"#include <{header.ProbeInclude}>\n");
            using var json = new MemoryStream();
            var stderr = new System.Text.StringBuilder();
            var result = await Cli.Wrap(Clang14.Path)
                .WithArguments(["-std=c11", "-w", "-fsyntax-only", "-Xclang", "-ast-dump=json", .. Clang14.IncludeArguments(header.IncludeDirectories), "ast.c"])
                .WithWorkingDirectory(directory)
                .WithStandardOutputPipe(PipeTarget.ToStream(json))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync();
            if (result.ExitCode != 0)
            {
                Assert.Fail($"clang-14 cannot parse {header.HeaderPath}:\n{stderr}");
            }

            json.Position = 0;
            using var document = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 4096 });
            return Functions(document.RootElement, header);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<ClangFunction> Functions(JsonElement translationUnit, RealHeader header)
    {
        var tracker = new FileTracker();
        var functions = new Dictionary<string, ClangFunction>();
        foreach (var decl in translationUnit.GetProperty("inner").EnumerateArray())
        {
            // "loc" comes first in each node, so the file current after it is the declaration's.
            var line = 0;
            if (decl.TryGetProperty("loc", out var loc))
            {
                tracker.Visit(loc);
                line = LineOf(loc);
            }

            var file = tracker.Current;
            tracker.VisitAllBut(decl, "loc");
            if (decl.GetProperty("kind").GetString() != "FunctionDecl" || file is null || !header.IsOwnFile(file) || Flag(decl, "isImplicit"))
            {
                continue;
            }

            var name = decl.GetProperty("name").GetString()!;
            var function = new ClangFunction(
                name,
                decl.GetProperty("type").GetProperty("qualType").GetString()!,
                file,
                line,
                IsVariadic: Flag(decl, "variadic"),
                IsInline: Flag(decl, "inline"),
                IsStatic: decl.TryGetProperty("storageClass", out var storage) && storage.GetString() == "static");
            // A redeclaration keeps the first location; inline or static on any declaration sticks.
            functions[name] = functions.TryGetValue(name, out var first)
                ? first with { IsInline = first.IsInline || function.IsInline, IsStatic = first.IsStatic || function.IsStatic }
                : function;
        }

        return functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static bool Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int LineOf(JsonElement loc)
    {
        var at = loc.TryGetProperty("expansionLoc", out var expansion) ? expansion : loc;
        return at.TryGetProperty("line", out var line) ? line.GetInt32() : 0;
    }

    /// <summary>
    /// clang writes a location's "file" only when it differs from the previously written location's, in
    /// document order; replaying every location in that order recovers each one's file. "includedFrom"
    /// names a file too but is not a location, so it is not replayed.
    /// </summary>
    private sealed class FileTracker
    {
        public string? Current { get; private set; }

        public void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (element.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
                    {
                        Current = file.GetString();
                    }

                    VisitAllBut(element, "includedFrom");
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        public void VisitAllBut(JsonElement element, string skipped)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name != skipped && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    Visit(property.Value);
                }
            }
        }
    }
}
