using Spectre.Console;

namespace Tour;

/// <summary>
/// Tells the tour in plain words on a Spectre.Console terminal. Every line it prints is one sentence on one line
/// (never wrapped, whatever the terminal's width), so a test can read the story back line by line.
/// </summary>
internal sealed class Narrator(IAnsiConsole console)
{
    private int _chapter;

    /// <summary>The console itself, for live widgets such as the progress bar.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>A narrator on standard output; when output is redirected, no colours and no line wrapping.</summary>
    public static Narrator ForThisTerminal()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            // A pipe has no width: Spectre would wrap at 80 columns and split sentences a reader greps for.
            console.Profile.Width = 1000;
        }

        return new Narrator(console);
    }

    public void Title(string text) => Console.MarkupLineInterpolated($"[bold underline]{text}[/]");

    /// <summary>Starts the next chapter, naming the lesson's idea and its Python counterpart.</summary>
    public void Chapter(string title, string python)
    {
        _chapter++;
        Console.WriteLine();
        Console.MarkupLineInterpolated($"[bold yellow]{_chapter}. {title}[/] [grey](in Python: {python})[/]");
    }

    /// <summary>What is about to happen or just happened, in one sentence.</summary>
    public void Say(string text) => Line("", text);

    /// <summary>A result the reader can check.</summary>
    public void Result(string text) => Line("[green]->[/]", text);

    /// <summary>An error the chapter caused on purpose and caught.</summary>
    public void Caught(string text) => Line("[red]x[/]", text);

    // A two-column grid: on a narrow terminal the sentence wraps under itself, not under the marker.
    private void Line(string marker, string text)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadLeft(3).PadRight(1)).AddColumn(new GridColumn().PadRight(0));
        grid.AddRow(new Markup(marker), new Text(text));
        Console.Write(grid);
    }

    public void Done(string text)
    {
        Console.WriteLine();
        Console.MarkupLineInterpolated($"[bold green]{text}[/]");
    }
}
