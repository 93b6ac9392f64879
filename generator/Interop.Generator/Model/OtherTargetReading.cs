using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Model;

/// <summary>
/// The header as another target reads it: its own predefined macros pick its own typedefs (<c>int64_t</c> is
/// <c>long</c> on LP64 and <c>long long</c> on LLP64), so its records are laid out from its own declarations,
/// never from the primary target's typedefs under the other target's sizes.
/// </summary>
internal sealed class OtherTargetReading
{
    private readonly Dictionary<(SourceLocation, string?, bool), RecordDecl> _records = new();

    /// <param name="layout">The other target's layout engine.</param>
    /// <param name="unit">The header parsed for that target, or null when that target could not read it (a missing include there).</param>
    public OtherTargetReading(LayoutEngine layout, TranslationUnit? unit)
    {
        Layout = layout;
        if (unit is null)
        {
            return;
        }

        var seen = new HashSet<RecordDecl>();
        foreach (var declaration in unit.Declarations)
        {
            switch (declaration)
            {
                case RecordDecl record:
                    Index(record, seen);
                    break;
                case TagDeclaration tag:
                    IndexType(tag.Type, seen);
                    break;
                case TypedefDecl typedef:
                    IndexType(typedef.Type, seen);
                    break;

            }
        }
    }

    public LayoutEngine Layout { get; }

    public Target Target => Layout.Target;

    /// <summary>The complete record declared at the same place, with the same tag, as <paramref name="primary"/>; null when this target has none.</summary>
    public RecordDecl? Find(RecordDecl primary) =>
        _records.TryGetValue((primary.Location, primary.Tag, primary.IsUnion), out var record) ? record : null;

    private void Index(RecordDecl record, HashSet<RecordDecl> seen)
    {
        if (!record.IsComplete || !seen.Add(record))
        {
            return;
        }

        // The first complete definition at a place wins, as the primary target's does.
        var key = (record.Location, record.Tag, record.IsUnion);
        if (!_records.ContainsKey(key))
        {
            _records[key] = record;
        }

        foreach (var field in record.Fields!)
        {
            IndexType(field.Type, seen);
        }
    }

    private void IndexType(CType type, HashSet<RecordDecl> seen)
    {
        var canonical = type.Canonical;
        while (canonical is ArrayType array)
        {
            canonical = array.Element.Canonical;
        }

        if (canonical is RecordType { Decl: var nested })
        {
            Index(nested, seen);
        }
    }
}
