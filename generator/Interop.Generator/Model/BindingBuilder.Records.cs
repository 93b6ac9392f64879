using Interop.Generator.Diagnostics;

namespace Interop.Generator.Model;

/// <summary>Where a C struct or union becomes a <see cref="StructModel"/>: fields, bitfields, arrays and anonymous members.</summary>
internal sealed partial class BindingBuilder
{
    private StructModel? BuildStruct(RecordDecl record)
    {
        var cName = RecordNameOrNull(record)!;
        var name = CSharpNames.Escape(cName);
        var cSpelling = record.TypedefName ?? (record.Tag is not null ? (record.IsUnion ? "union " : "struct ") + record.Tag : cName);
        if (!record.IsComplete)
        {
            return new StructModel(name, cSpelling, record.IsUnion, IsOpaque: true, IsSequential: false, 0, 1, EquatableArray<FieldModel>.Empty, EquatableArray<BitfieldModel>.Empty, EquatableArray<FixedBufferModel>.Empty, record.Doc);
        }

        RecordLayout layout;
        try
        {
            layout = _layout.Layout(record);
        }
        catch (LayoutException e)
        {
            _diagnostics.Report(DiagnosticKind.LayoutError, record.Location, e.Message);
            return null;
        }

        var members = new StructMembers(name, cName, layout.Size);
        AddMembers(record, layout, 0, members);
        var sequential = IsPlain(record) && members.Fields.Count == record.Fields!.Count;
        if (!sequential)
        {
            WarnIfLayoutDiffers(record, layout, name);
        }

        return new StructModel(
            name,
            _syntheticNames.ContainsKey(record) ? "" : cSpelling,
            record.IsUnion,
            IsOpaque: false,
            sequential,
            layout.Size,
            layout.Alignment,
            members.Fields.ToEquatableArray(),
            members.Bitfields.ToEquatableArray(),
            members.Buffers.ToEquatableArray(),
            record.Doc);
    }

    /// <summary>
    /// True when .NET's sequential layout gives C's layout on every target: no unions, bitfields, anonymous
    /// members, packing, alignment attributes or flexible arrays, so natural alignment does all the work.
    /// </summary>
    private static bool IsPlain(RecordDecl record)
    {
        if (record.IsUnion || record.IsPacked || record.MaxFieldAlignment is not null || record.RequestedAlignment is not null)
        {
            return false;
        }

        foreach (var field in record.Fields!)
        {
            if (field.Name is null || field.BitWidth is not null || field.IsPacked || field.RequestedAlignment is not null
                || field.Type.Canonical is ArrayType { Length: null or 0 } || HasAlignedTypedef(field.Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAlignedTypedef(CType type)
    {
        for (var t = type; t is TypedefType typedef; t = typedef.Decl.Type)
        {
            if (typedef.Decl.RequestedAlignment is not null)
            {
                return true;
            }
        }

        return type.Canonical is ArrayType array && HasAlignedTypedef(array.Element);
    }

    /// <summary>An explicit layout is one target's; say so when another target lays the struct out differently.</summary>
    private void WarnIfLayoutDiffers(RecordDecl record, RecordLayout layout, string name)
    {
        foreach (var other in _otherTargets)
        {
            RecordLayout theirs;
            try
            {
                theirs = other.Layout(record);
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
                _diagnostics.Report(DiagnosticKind.LayoutDiffersBetweenTargets, record.Location,
                    $"the layout of '{name}' differs on {other.Target}: {difference}; these bindings are laid out for {_layout.Target}");
                return;
            }
        }
    }

    private static string Position(FieldLayout field) =>
        field.Field.BitWidth is null ? $"byte {field.ByteOffset}" : $"bit {field.BitOffset}";

    private sealed class StructMembers(string name, string cName, long size)
    {
        public string Name { get; } = name;
        public string CName { get; } = cName;
        public long Size { get; } = size;
        public List<FieldModel> Fields { get; } = new();
        public List<BitfieldModel> Bitfields { get; } = new();
        public List<FixedBufferModel> Buffers { get; } = new();
    }

    /// <summary>Adds a record's members at <paramref name="baseBits"/>; anonymous members recurse, as C makes their members the parent's.</summary>
    private void AddMembers(RecordDecl record, RecordLayout layout, long baseBits, StructMembers into)
    {
        foreach (var field in layout.Fields)
        {
            var decl = field.Field;
            var bits = baseBits + field.BitOffset;
            if (decl.Name is null)
            {
                if (decl.BitWidth is null && decl.Type.Canonical is RecordType { Decl: var anonymous })
                {
                    AddMembers(anonymous, _layout.Layout(anonymous), bits, into);
                }

                continue; // unnamed bitfields are padding
            }

            try
            {
                var fieldName = decl.Name == into.CName ? decl.Name + "_" : decl.Name;
                if (decl.BitWidth is { } width)
                {
                    into.Bitfields.Add(Bitfield(decl, CSharpNames.Escape(fieldName), bits, width, into.Size));
                    continue;
                }

                string type;
                if (decl.Type.Canonical is ArrayType array)
                {
                    type = FixedBuffer(into.Name, fieldName, array, into.Buffers);
                }
                else if (decl.Type.Canonical is RecordType { Decl: var nested } && RecordNameOrNull(nested) is null)
                {
                    // A named member of an unnamed struct type: the type gets a name from its place.
                    _syntheticNames[nested] = $"{into.Name.TrimStart('@')}_{fieldName}";
                    type = MapType(decl.Type);
                }
                else
                {
                    type = MapType(decl.Type);
                }

                into.Fields.Add(new FieldModel(CSharpNames.Escape(fieldName), decl.Name, type, bits / 8, decl.Doc));
            }
            catch (UnsupportedTypeException e)
            {
                _diagnostics.Report(DiagnosticKind.Unsupported, decl.Location, $"field '{decl.Name}' of '{into.Name}' is not bound: {e.Message}; the struct keeps its size");
            }
        }
    }

    private BitfieldModel Bitfield(FieldDecl decl, string name, long bitOffset, int width, long structSize)
    {
        var type = MapType(decl.Type) switch
        {
            // CLong has no conversion operators; a bitfield's value fits a long whatever the target.
            "global::System.Runtime.InteropServices.CLong" => "long",
            "global::System.Runtime.InteropServices.CULong" => "ulong",
            var mapped => mapped,
        };
        var integer = _layout.IntegerKindOf(decl.Type) ?? throw new UnsupportedTypeException("a bitfield must have an integer type");
        var isSigned = decl.Type.Canonical switch
        {
            // GCC and clang give an enum without negative values an unsigned type.
            EnumType e => e.Decl.Constants.Any(c => !c.Value.IsUnsigned && c.Value.AsSigned < 0),
            PrimitiveType { Kind: PrimitiveKind.Bool } => false,
            _ => integer is Frontend.IntegerKind.Int or Frontend.IntegerKind.Long,
        };

        // The smallest integer that covers the bits, moved back if it would run past the end of the struct.
        var firstByte = bitOffset / 8;
        var lastByte = (bitOffset + width - 1) / 8;
        var size = 1;
        while (size < lastByte - firstByte + 1)
        {
            size *= 2;
        }

        var storageOffset = Math.Max(0, Math.Min(firstByte, structSize - size));
        if (size > 8 || bitOffset + width > (storageOffset + size) * 8)
        {
            throw new UnsupportedTypeException("the bitfield spans more than 8 bytes");
        }

        return new BitfieldModel(name, decl.Name!, type, isSigned, storageOffset, size, (int)(bitOffset - storageOffset * 8), width, bitOffset, decl.Doc);
    }
}
