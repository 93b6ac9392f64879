using System.CommandLine;
using Interop.Generator.Options;

namespace Interop.Bindgen;

/// <summary>
/// The command line: <c>interop-bindgen HEADER -o OUTDIR [options]</c>. Every option but the header and the
/// output directory is a row of <see cref="BindingOptions"/>, the table the generator reads MSBuild by.
/// </summary>
internal static class BindgenCommand
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var header = new Argument<FileInfo>("header") { Description = "The C header to bind." };
        var outputDirectory = new Option<DirectoryInfo>("--output", "-o") { Description = "Directory to write the .cs files to.", Required = true };
        var command = new RootCommand("Generates C# bindings (LibraryImport declarations, structs, enums, constants and a mockable facade) from a C header.")
        {
            header, outputDirectory,
        };

        var flags = new List<(BindingOption Row, Option Flag)>();
        foreach (var row in BindingOptions.All.Where(o => o.CliFlag is not null))
        {
            Option flag = row.Kind switch
            {
                OptionKind.Switch => new Option<bool>(row.CliFlag!, Aliases(row)) { Description = $"Turns off: {row.Doc}" },
                OptionKind.List => new Option<string[]>(row.CliFlag!, Aliases(row)) { Description = $"{row.Doc} Repeatable; each {row.EntryForm}.", AllowMultipleArgumentsPerToken = false },
                _ => new Option<string?>(row.CliFlag!, Aliases(row)) { Description = $"{row.Doc} Default: {row.Default}." },
            };
            flags.Add((row, flag));
            command.Add(flag);
        }

        command.SetAction(parse =>
        {
            var values = new OptionValues();
            foreach (var (row, flag) in flags)
            {
                switch (flag)
                {
                    case Option<bool> off when parse.GetValue(off):
                        values.TurnOff(row);
                        break;
                    case Option<string[]> list:
                        values.AddRange(row, parse.GetValue(list));
                        break;
                    case Option<string?> text:
                        values.Add(row, parse.GetValue(text));
                        break;
                }
            }

            return BindgenRunner.Run(parse.GetValue(header)!.FullName, parse.GetValue(outputDirectory)!.FullName, values, output, error);
        });
        return command;
    }

    private static string[] Aliases(BindingOption row) => row.CliAlias is null ? Array.Empty<string>() : new[] { row.CliAlias };
}
