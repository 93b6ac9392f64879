namespace Interop.Generator.Diagnostics;

/// <summary>Severity of a header diagnostic; mapped onto Roslyn's severities by the generator.</summary>
public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
