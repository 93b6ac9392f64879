using System.Text.RegularExpressions;
using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// Finds the native objects a library creates and destroys, so each gets a SafeHandle: pairs the user
/// names (<c>Handles="sqlite3=sqlite3_close"</c>) and, unless switched off, pairs found by naming: a
/// one-argument function whose name says it frees (free, destroy, close, release, cleanup, ...) a
/// pointer to an opaque struct owns that type; functions whose names say they create return it.
/// </summary>
internal sealed partial class BindingBuilder
{
    private static readonly Regex ReleaseName = new(@"(^|_|[a-z])(free|destroy|close|release|delete|dispose|cleanup|finalize|unref|shutdown|Free|Destroy|Close|Release|Delete|Dispose|Cleanup|Finalize|Unref)($|_|[A-Z0-9])", RegexOptions.CultureInvariant);
    private static readonly Regex CreateName = new(@"(^|_|[a-z])(new|create|open|alloc|init|dup|copy|clone|make|prepare|New|Create|Open|Alloc|Init|Dup|Copy|Clone|Make|Prepare)($|_|[A-Z0-9])", RegexOptions.CultureInvariant);

    private readonly Dictionary<RecordDecl, HandleModel> _handles = new();

    private void DiscoverHandles(TranslationUnit unit)
    {
        var functions = unit.Declarations.OfType<FunctionDecl>()
            .Where(f => _isBoundFile(f.Location.File) && !f.IsInline && !f.HasBody && !f.IsStatic && !f.Type.IsVariadic)
            .GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();

        foreach (var pair in _request.Handles)
        {
            var (typeName, release) = (pair.Substring(0, pair.IndexOf('=')), pair.Substring(pair.IndexOf('=') + 1));
            var function = functions.FirstOrDefault(f => f.Name == release);
            if (function is null || OwnedRecord(function) is not { } record || RecordNameOrNull(record) != typeName)
            {
                _diagnostics.Report(DiagnosticKind.InvalidOption, SourceLocation.None with { File = _request.HeaderPath },
                    $"handle '{pair}': '{release}' must be a bound function taking one '{typeName}*'");
                continue;
            }

            Add(record, function);
        }

        if (!_request.HandleHeuristics)
        {
            return;
        }

        foreach (var function in functions)
        {
            // Only opaque types: a complete struct passed to a "dispose" function may be a caller-owned value
            // whose contents are freed (libclang's CXPlatformAvailability), which a handle would double-free.
            // Cheap type checks first: the name pattern is the costly part.
            if (OwnedRecord(function) is { IsComplete: false } record && !_handles.ContainsKey(record) && ReleaseName.IsMatch(function.Name))
            {
                Add(record, function);
            }
        }
    }

    private void Add(RecordDecl record, FunctionDecl release)
    {
        var name = RecordNameOrNull(record)!;
        _handles[record] = new HandleModel(name + "Handle", new NamedTypeRef(name, NamedTypeKind.Struct).Pointer(), release.Name);
    }

    /// <summary>The struct a one-argument function takes a pointer to, if that is all it takes.</summary>
    private RecordDecl? OwnedRecord(FunctionDecl function) =>
        function.Type.Parameters.Count == 1 && function.Type.Parameters[0].Type.Canonical is PointerType { Pointee: var pointee }
        && pointee.Canonical is RecordType { Decl: var record } && RecordNameOrNull(record) is not null
            ? record
            : null;

    /// <summary>A parameter that is an owned object (passed as its handle) or, for creators, a <c>T**</c> to fill.</summary>
    private (ValueShape, string?)? HandleShape(FunctionDecl function, CType type)
    {
        if (type.Canonical is not PointerType { Pointee: var pointee })
        {
            return null;
        }

        if (pointee.Canonical is RecordType { Decl: var record } && _handles.TryGetValue(record, out var handle) && handle.ReleaseFunction != function.Name)
        {
            return (ValueShape.Handle, handle.Name);
        }

        if (pointee.Canonical is PointerType { Pointee: var inner } && inner.Canonical is RecordType { Decl: var created }
            && _handles.TryGetValue(created, out var createdHandle) && CreateName.IsMatch(function.Name))
        {
            return (ValueShape.OutHandle, createdHandle.Name);
        }

        return null;
    }

    /// <summary>The handle a creating function returns, when its name says it creates and it returns an owned object.</summary>
    private string? ReturnedHandle(FunctionDecl function) =>
        function.Type.ReturnType.Canonical is PointerType { Pointee: var pointee }
        && pointee.Canonical is RecordType { Decl: var record } && _handles.TryGetValue(record, out var handle) && CreateName.IsMatch(function.Name)
            ? handle.Name
            : null;
}
