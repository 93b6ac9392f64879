namespace Interop.Generator.Diagnostics;

/// <summary>
/// Collects diagnostics across the front-end stages, capping the count so garbage input stays cheap, and
/// applying the severities the user chose for the header (<c>dotnet_diagnostic.ID.severity</c> in .editorconfig,
/// which the compiler itself applies only to C# files).
/// </summary>
internal sealed class DiagnosticBag
{
    private const int MaxDiagnostics = 200;
    private readonly List<DiagnosticInfo> _items = new();
    private readonly Dictionary<string, DiagnosticSeverity> _severities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _off = new(StringComparer.Ordinal);
    private int _hidden;
    private DiagnosticSeverity _worstHidden;
    private SourceLocation _firstHidden;

    public DiagnosticBag()
    {
    }

    /// <summary>A bag that applies <paramref name="severities"/>: entries <c>ID=error|warning|suggestion|none|silent</c>.</summary>
    public DiagnosticBag(IEnumerable<string> severities)
    {
        foreach (var entry in severities)
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var id = entry.Substring(0, eq).Trim();
            switch (entry.Substring(eq + 1).Trim().ToLowerInvariant())
            {
                case "error": _severities[id] = DiagnosticSeverity.Error; break;
                case "warning": _severities[id] = DiagnosticSeverity.Warning; break;
                case "suggestion": _severities[id] = DiagnosticSeverity.Info; break;
                case "none":
                case "silent": _off.Add(id); break;
            }
        }
    }

    public bool HasErrors { get; private set; }

    /// <summary>The first <see cref="MaxDiagnostics"/>, then one note for the rest, as severe as the worst of them.</summary>
    public IReadOnlyList<DiagnosticInfo> Items => _hidden == 0
        ? _items
        : _items.Append(new DiagnosticInfo(DiagnosticKind.DiagnosticsNotShown.Id, _worstHidden, $"{_hidden} more diagnostics are not shown (only the first {MaxDiagnostics} are)", _firstHidden)).ToList();

    public void Report(DiagnosticKind kind, SourceLocation location, string message)
    {
        if (_off.Contains(kind.Id) && kind.Severity != DiagnosticSeverity.Error)
        {
            return; // an error cannot be turned off: the header did not bind
        }

        var severity = _severities.TryGetValue(kind.Id, out var chosen) && (kind.Severity != DiagnosticSeverity.Error || chosen == DiagnosticSeverity.Error) ? chosen : kind.Severity;
        if (severity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        if (_items.Count < MaxDiagnostics)
        {
            _items.Add(kind.At(location, message) with { Severity = severity });
            return;
        }

        if (_hidden++ == 0)
        {
            _firstHidden = location;
        }

        _worstHidden = (DiagnosticSeverity)Math.Max((int)_worstHidden, (int)severity);
    }
}
