namespace Interop.RealHeaders.Tests.Oracle;

/// <summary>What a probe line prints, which decides how its output is read back and compared.</summary>
public enum ProbeValueKind
{
    Signed,
    Unsigned,
    Floating,
    Bytes,
}

/// <summary>What a probe item checks; the per-header summary counts items by category.</summary>
public enum ProbeCategory
{
    Record,
    Field,
    Bitfield,
    EnumMember,
    Constant,
    ConstantType,
}

/// <summary>
/// One fact about the header that clang computes and we predict: a C statement (one line of the probe
/// program) printing <c>label TAB value</c>, and the value our model or our emitted C# says it has.
/// </summary>
public sealed record ProbeItem(ProbeCategory Category, string Label, ProbeValueKind Kind, string CStatement, string Expected)
{
    /// <summary>For a bitfield item on a named record: the C# struct, its property and the value the C statement assigns.</summary>
    public BitfieldWrite? Write { get; init; }

    /// <summary>Stands for the item's C label in a statement given to <see cref="Create"/>.</summary>
    public const string LabelPlaceholder = "$LABEL";

    /// <summary>An item whose statement prints through the probe's helpers, the label written as <see cref="LabelPlaceholder"/>.</summary>
    public static ProbeItem Create(ProbeCategory category, string label, ProbeValueKind kind, string cStatement, string expected)
    {
        var cLabel = "\"" + label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return new ProbeItem(category, label, kind, cStatement.Replace(LabelPlaceholder, cLabel, StringComparison.Ordinal), expected);
    }

    /// <summary>Prints an integer expression as a signed or unsigned 64-bit value.</summary>
    public static ProbeItem Integer(ProbeCategory category, string label, bool signed, string cExpression, string expected) =>
        Create(category, label, signed ? ProbeValueKind.Signed : ProbeValueKind.Unsigned,
            $"{(signed ? "PROBE_SIGNED" : "PROBE_UNSIGNED")}({LabelPlaceholder}, {cExpression});", expected);

    public static ProbeItem Floating(ProbeCategory category, string label, string cExpression, string expected) =>
        Create(category, label, ProbeValueKind.Floating, $"PROBE_FLOATING({LabelPlaceholder}, {cExpression});", expected);
}

/// <summary>The C# counterpart of a bitfield probe: set <see cref="Property"/> of struct <see cref="Struct"/> to <see cref="Value"/>.</summary>
public sealed record BitfieldWrite(string Struct, string Property, long Value);
