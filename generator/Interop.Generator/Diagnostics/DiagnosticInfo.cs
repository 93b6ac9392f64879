namespace Interop.Generator.Diagnostics;

/// <summary>
/// A problem found in a header, located at file:line:column. Equatable so that it can live in the
/// generator's cached model; it holds no Roslyn objects.
/// </summary>
public sealed record DiagnosticInfo(string Id, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>The one-line form shared by the CLI and tests: <c>path:line:col: error CODE: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return Location.Line > 0
            ? $"{Location.File}:{Location.Line}:{Location.Column}: {severity} {Id}: {Message}"
            : $"{Location.File}: {severity} {Id}: {Message}";
    }
}
