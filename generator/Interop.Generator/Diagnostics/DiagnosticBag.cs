namespace Interop.Generator.Diagnostics;

/// <summary>Collects diagnostics across the front-end stages, capping the count so garbage input stays cheap.</summary>
internal sealed class DiagnosticBag
{
    private const int MaxDiagnostics = 200;
    private readonly List<DiagnosticInfo> _items = new();

    public bool HasErrors { get; private set; }

    public IReadOnlyList<DiagnosticInfo> Items => _items;

    public void Report(DiagnosticKind kind, SourceLocation location, string message)
    {
        if (kind.Severity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        if (_items.Count < MaxDiagnostics)
        {
            _items.Add(kind.At(location, message));
        }
        else if (_items.Count == MaxDiagnostics)
        {
            _items.Add(DiagnosticKind.LimitExceeded.At(location, $"more than {MaxDiagnostics} diagnostics; the rest are not shown"));
        }
    }
}
