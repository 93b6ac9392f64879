using System.Diagnostics;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace Interop.RealHeaders.Tests.Corpus;

/// <summary>How binding one header ended, from best to worst.</summary>
public enum CorpusOutcome
{
    Clean,
    Warnings,
    LocatedErrors,
    UnlocatedErrors,
    Crash,
    Hang,
}

/// <summary>One header bound: its outcome, the first error (or crash) for the report, and the model when there is one.</summary>
public sealed record CorpusBinding(string Header, CorpusOutcome Outcome, string? FirstError, BindingModel? Model, TimeSpan Elapsed);

/// <summary>
/// Binds a system header through the same core and options the CLI uses (<c>interop-bindgen HEADER -I ...</c>):
/// <see cref="HeaderCompiler"/> then <see cref="BindingsEmitter"/>, in process so thousands of headers take minutes.
/// A bug of ours surfaces as INTEROP1099 (the compiler never throws) and counts as a crash; a header that takes
/// longer than the timeout counts as a hang and is left behind.
/// </summary>
public static class CorpusBinder
{
    public static CorpusBinding Bind(string header, IReadOnlyList<string> includeDirectories, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        var name = Path.GetFileNameWithoutExtension(header);
        var request = BindingRequest.Create(header, name, "Corpus." + ClassName(header), ClassName(header) + "Native", includeDirectories);
        using var cancel = new CancellationTokenSource();
        var work = Task.Run(() =>
        {
            var result = HeaderCompiler.Compile(request, ReadFile, cancel.Token);
            if (result.Model is not null && !result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                _ = BindingsEmitter.Emit(result.Model); // the CLI writes these; an emitter bug must show here too
            }

            return result;
        });
        if (!work.Wait(timeout))
        {
            cancel.Cancel();
            return new CorpusBinding(header, CorpusOutcome.Hang, $"no result after {timeout.TotalSeconds:0} s", null, stopwatch.Elapsed);
        }

        if (work.IsFaulted)
        {
            return new CorpusBinding(header, CorpusOutcome.Crash, work.Exception!.GetBaseException().ToString(), null, stopwatch.Elapsed);
        }

        var diagnostics = work.Result.Diagnostics;
        var internalError = diagnostics.FirstOrDefault(d => d.Id == DiagnosticKind.InternalError.Id);
        var firstError = diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        var outcome = internalError is not null ? CorpusOutcome.Crash
            : diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.Line == 0) ? CorpusOutcome.UnlocatedErrors
            : firstError is not null ? CorpusOutcome.LocatedErrors
            : diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning) ? CorpusOutcome.Warnings
            : CorpusOutcome.Clean;
        return new CorpusBinding(header, outcome, (internalError ?? firstError)?.ToString(), work.Result.Model, stopwatch.Elapsed);
    }

    /// <summary>A C# identifier from the header's path, unique per header, so models of many headers never clash.</summary>
    public static string ClassName(string header) =>
        "H" + new string(header.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
