using System.Text;
using Interop.Generator.Options;

namespace Interop.Generator.Tests.OptionTable;

/// <summary>The options reference (docs/options.md, and the table README.md shows), written from the option table.</summary>
internal static class OptionsReference
{
    public const string TableStart = "<!-- options table: written from generator/Interop.Generator/Options/BindingOptions.cs by tests/Interop.Generator.Tests/OptionTable/OptionTableTests.cs -->";
    public const string TableEnd = "<!-- end of options table -->";

    public static string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(TableStart);
        text.AppendLine("| option | `NativeHeader` metadata | MSBuild property | `interop-bindgen` | value | default | meaning |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var option in BindingOptions.All)
        {
            var value = option.Kind switch
            {
                OptionKind.Switch => "true/false",
                OptionKind.List => "list: " + option.EntryForm,
                _ => "text",
            };
            var flag = option.CliFlag is null ? "" : "`" + option.CliFlag + "`" + (option.CliAlias is null ? "" : $", `{option.CliAlias}`");
            text.AppendLine($"| {option.Name} | {(option.PerHeader ? "`" + option.Name + "`" : "")} | {(option.Property is null ? "" : "`" + option.Property + "`")} | {flag} | {value} | {option.Default} | {option.Doc} |");
        }

        text.AppendLine(TableEnd);
        return text.ToString();
    }

    public static string Document() =>
        "# Binding options\n\n" +
        "Every option of a bound header is declared once, in `generator/Interop.Generator/Options/BindingOptions.cs`. The\n" +
        "generator reads MSBuild by it, `interop-bindgen` builds its flags from it, and this page is written from it\n" +
        "(a test fails when the page, the props and targets, or the CLI disagree with the table).\n\n" +
        "- **`NativeHeader` metadata** applies to one header: `<NativeHeader Include=\"calc.h\" Handles=\"calc=calc_free\" />`.\n" +
        "- **MSBuild property** applies to every header of the project. For a text or switch option it is the value of headers\n" +
        "  without the metadata; for a list, its entries are added to every header's.\n" +
        "- **Lists** are separated by `;` (or `|`) in MSBuild; on the command line the flag is repeated.\n" +
        "- **Switches** are on by default: `false` in MSBuild, the `--no-...` flag on the command line, turns one off.\n" +
        "- A malformed entry is error [INTEROP1050](diagnostics/INTEROP1050.md), naming the header and the entry; nothing is dropped.\n\n" +
        Table() +
        "\n## Includes\n\n" +
        "Includes are found as the C compiler finds them: `#include \"x.h\"` beside the including file, then in\n" +
        "`IncludeDirectories`, then in the system include directories; `#include <x.h>` in `IncludeDirectories`, then the\n" +
        "system directories; `#include_next` continues after the directory the including file was found in. The system\n" +
        "directories are asked of the C compiler (`cc -E -Wp,-v -x c -`, then clang, then gcc; `InteropCCompiler` names\n" +
        "another), or are the target's standard directories when no compiler answers. The build hands the generator exactly\n" +
        "the files the headers' includes can reach (both branches of every `#if`), not all of `/usr/include`. With\n" +
        "`InteropSystemIncludes=false` (`--no-system-includes`), or on a machine without a C library's headers, the builtin\n" +
        "headers (`stdint.h`, `stddef.h`, `stdio.h`, `sys/types.h`, ...) stand in.\n";
}
