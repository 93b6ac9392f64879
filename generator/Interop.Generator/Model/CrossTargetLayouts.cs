using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>A struct bound with an explicit layout (offsets and size are this target's), with the C# name it got.</summary>
internal sealed record ExplicitLayout(RecordDecl Record, RecordLayout Layout, string Name);

/// <summary>
/// INTEROP1031: an explicit layout is one target's, so say when another target lays the struct out differently. Each
/// other target is compared from its own reading of the header (<see cref="OtherTargetReading"/>), so the offsets
/// named are the ones its compiler computes.
/// </summary>
internal static class CrossTargetLayouts
{
    public static void Warn(IReadOnlyList<ExplicitLayout> layouts, IReadOnlyList<OtherTargetReading> others, Target primary, DiagnosticBag diagnostics)
    {
        foreach (var layout in layouts)
        {
            if (FirstDifference(layout, others) is { } difference)
            {
                diagnostics.Report(DiagnosticKind.LayoutDiffersBetweenTargets, layout.Record.Location,
                    $"the layout of '{layout.Name}' differs on {difference.Target}: {difference.Text}; these bindings are laid out for {primary}");
            }
        }
    }

    private static (Target Target, string Text)? FirstDifference(ExplicitLayout explicitLayout, IReadOnlyList<OtherTargetReading> others)
    {
        var layout = explicitLayout.Layout;
        foreach (var other in others)
        {
            // The same declaration as that target reads it (its own typedefs and #if branches); none there, nothing to compare.
            if (other.Find(explicitLayout.Record) is not { } their)
            {
                continue;
            }

            RecordLayout theirs;
            try
            {
                theirs = other.Layout.Layout(their);
            }
            catch (LayoutException)
            {
                continue;
            }

            var moved = theirs.Fields.Zip(layout.Fields, (there, here) => (there, here)).FirstOrDefault(p => p.there.BitOffset != p.here.BitOffset);
            string? difference = moved.here.Field is { } field
                ? $"member '{field.Name ?? "(anonymous)"}' is at {Position(moved.there)} there and at {Position(moved.here)} here"
                : theirs.Size != layout.Size ? $"it is {theirs.Size} bytes there and {layout.Size} here"
                : theirs.Alignment != layout.Alignment ? $"it is {theirs.Alignment}-byte aligned there and {layout.Alignment} here"
                : null;
            if (difference is not null)
            {
                return (other.Target, difference);
            }
        }

        return null;
    }

    private static string Position(FieldLayout field) =>
        field.Field.BitWidth is null ? $"byte {field.ByteOffset}" : $"bit {field.BitOffset}";
}
