using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Interop.Tests.Shared;

/// <summary>
/// The public API of the generated bindings in one namespace, one C# signature per member (with modifiers,
/// ref kinds and nullability), sorted: what must not differ between the LibraryImport and DllImport builds.
/// Linked into the test projects that compare the two.
/// </summary>
internal static class PublicApi
{
    private static readonly SymbolDisplayFormat Format = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeConstantValue,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeDefaultValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static ImmutableArray<string> Of(Compilation compilation, string namespaceName)
    {
        var ns = namespaceName.Split('.').Aggregate(compilation.GlobalNamespace, (parent, name) => parent.GetNamespaceMembers().Single(n => n.Name == name));
        return ns.GetTypeMembers()
            .SelectMany(Nested)
            .SelectMany(t => t.GetMembers().Append(t))
            .Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared)
            // extern and partial are how a body is supplied, not part of the API.
            .Select(m => m.ToDisplayString(Format).Replace("extern ", "").Replace("partial ", ""))
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Empty when equal, else the lines only one side has, for an assertion message.</summary>
    public static string Difference(ImmutableArray<string> primary, ImmutableArray<string> fallback) =>
        primary.SequenceEqual(fallback)
            ? ""
            : "only in LibraryImport mode:\n" + string.Join("\n", primary.Except(fallback)) + "\nonly in DllImport mode:\n" + string.Join("\n", fallback.Except(primary));

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) => type.GetTypeMembers().SelectMany(Nested).Prepend(type);
}
