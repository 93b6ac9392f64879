namespace Interop.Generator.Diagnostics;

/// <summary>One row of the diagnostic table: a stable code, its severity and a title.</summary>
public sealed class DiagnosticKind
{
    private DiagnosticKind(string id, DiagnosticSeverity severity, string title)
    {
        Id = id;
        Severity = severity;
        Title = title;
    }

    public string Id { get; }
    public DiagnosticSeverity Severity { get; }
    public string Title { get; }

    /// <summary>Where every code's page lives: docs/diagnostics/INTEROPxxxx.md in the repository.</summary>
    public const string HelpLinkBase = "https://github.com/interop-dotnet/Interop/blob/main/docs/diagnostics/";

    /// <summary>The code's page: what it means, an example, how to fix it.</summary>
    public string HelpLink => HelpLinkBase + Id + ".md";

    public static DiagnosticKind? Find(string id) => All.FirstOrDefault(k => k.Id == id);

    public DiagnosticInfo At(SourceLocation location, string message) => new(Id, Severity, message, location);

    public static readonly DiagnosticKind HeaderUnreadable = new("INTEROP1000", DiagnosticSeverity.Error, "Header cannot be read");
    public static readonly DiagnosticKind LexicalError = new("INTEROP1001", DiagnosticSeverity.Error, "Invalid token");
    public static readonly DiagnosticKind IncludeNotFound = new("INTEROP1002", DiagnosticSeverity.Error, "Included file not found");
    public static readonly DiagnosticKind DirectiveError = new("INTEROP1003", DiagnosticSeverity.Error, "Malformed preprocessor directive");
    public static readonly DiagnosticKind UserError = new("INTEROP1004", DiagnosticSeverity.Error, "#error directive");
    public static readonly DiagnosticKind UserWarning = new("INTEROP1005", DiagnosticSeverity.Warning, "#warning directive");
    public static readonly DiagnosticKind MacroError = new("INTEROP1006", DiagnosticSeverity.Error, "Invalid macro use");
    public static readonly DiagnosticKind UnknownDirective = new("INTEROP1007", DiagnosticSeverity.Warning, "Unknown preprocessor directive");
    public static readonly DiagnosticKind SyntaxError = new("INTEROP1010", DiagnosticSeverity.Error, "Syntax error");
    public static readonly DiagnosticKind Unsupported = new("INTEROP1011", DiagnosticSeverity.Warning, "Declaration not bound");
    public static readonly DiagnosticKind UnknownType = new("INTEROP1012", DiagnosticSeverity.Error, "Unknown type name");
    public static readonly DiagnosticKind AcceptedExtension = new("INTEROP1013", DiagnosticSeverity.Warning, "Non-standard C accepted as GCC and clang accept it");
    public static readonly DiagnosticKind NameChanged = new("INTEROP1014", DiagnosticSeverity.Warning, "C name changed to keep C# names apart");
    public static readonly DiagnosticKind InlineSkipped = new("INTEROP1020", DiagnosticSeverity.Info, "Inline function has no symbol");
    public static readonly DiagnosticKind VariadicSkipped = new("INTEROP1021", DiagnosticSeverity.Warning, "Variadic function not bound");
    public static readonly DiagnosticKind StaticVariableNotBound = new("INTEROP1022", DiagnosticSeverity.Info, "Static variable not bound as a constant");
    public static readonly DiagnosticKind LayoutError = new("INTEROP1030", DiagnosticSeverity.Error, "Type has no layout");
    public static readonly DiagnosticKind LayoutDiffersBetweenTargets = new("INTEROP1031", DiagnosticSeverity.Warning, "Struct layout differs between targets");
    public static readonly DiagnosticKind AlignmentNotCarried = new("INTEROP1032", DiagnosticSeverity.Warning, "Alignment above what .NET can express");
    public static readonly DiagnosticKind LayoutNote = new("INTEROP1033", DiagnosticSeverity.Info, "C layout detail carried differently in C#");
    public static readonly DiagnosticKind TypeTooLarge = new("INTEROP1035", DiagnosticSeverity.Error, "Type too large for .NET");
    public static readonly DiagnosticKind LimitExceeded = new("INTEROP1040", DiagnosticSeverity.Error, "Input exceeds a safety limit");
    public static readonly DiagnosticKind DiagnosticsNotShown = new("INTEROP1041", DiagnosticSeverity.Info, "More diagnostics than are shown");
    public static readonly DiagnosticKind InvalidOption = new("INTEROP1050", DiagnosticSeverity.Error, "Invalid binding option");
    public static readonly DiagnosticKind SharedTypeConflict = new("INTEROP1060", DiagnosticSeverity.Error, "Type bound differently by two headers");
    public static readonly DiagnosticKind PreCompilationUnavailable = new("INTEROP1090", DiagnosticSeverity.Warning, "Pre-compilation phase unavailable");
    public static readonly DiagnosticKind InternalError = new("INTEROP1099", DiagnosticSeverity.Error, "Internal error");
    public static readonly DiagnosticKind MacroNotBound = new("INTEROP1200", DiagnosticSeverity.Info, "Function-like macro not bound");
    public static readonly DiagnosticKind MacroSignatureMismatch = new("INTEROP1201", DiagnosticSeverity.Warning, "Stated macro signature does not match the macro");
    public static readonly DiagnosticKind ShimNotWritten = new("INTEROP1400", DiagnosticSeverity.Warning, "Function not wrapped by the shim");
    public static readonly DiagnosticKind SpanRuleNotApplied = new("INTEROP1500", DiagnosticSeverity.Warning, "Span rule not applied");
    public static readonly DiagnosticKind CallbackNotOffered = new("INTEROP1300", DiagnosticSeverity.Info, "Delegate or string? overload not offered");

    public static IReadOnlyList<DiagnosticKind> All { get; } = new[]
    {
        HeaderUnreadable, LexicalError, IncludeNotFound, DirectiveError, UserError, UserWarning, MacroError,
        UnknownDirective, SyntaxError, Unsupported, UnknownType, AcceptedExtension, NameChanged, InlineSkipped, VariadicSkipped, StaticVariableNotBound, LayoutError, LayoutDiffersBetweenTargets,
        AlignmentNotCarried, LayoutNote, TypeTooLarge,
        LimitExceeded, DiagnosticsNotShown, InvalidOption, SharedTypeConflict, PreCompilationUnavailable, InternalError,
        SpanRuleNotApplied, MacroNotBound, MacroSignatureMismatch, ShimNotWritten,
        CallbackNotOffered,
    };
}
