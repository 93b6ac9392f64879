using System.Globalization;
using System.Text;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Roslyn;
using Microsoft.CodeAnalysis;

namespace Interop.RealHeaders.Tests.Oracle;

/// <summary>
/// Turns a binding model into probe items: for every struct and union its size and alignment, every
/// field's offset, every bitfield's bits (as bytes of the record) and signedness, every enum member and
/// every constant. Expected values come from the model (layouts) and from the compiled C# (constants).
/// </summary>
public static class ProbeProgramBuilder
{
    public static IReadOnlyList<ProbeItem> Build(BindingModel model, Compilation compiled)
    {
        var items = new List<ProbeItem>();
        var synthetic = model.Structs.Where(s => s.CName.Length == 0).ToDictionary(s => s.Name.TrimStart('@'));
        foreach (var record in model.Structs.Where(s => s.CName.Length > 0 && !s.IsOpaque))
        {
            AddRecord(items, record, new RecordPlace(record.CName, "", record.Size, 0), synthetic);
        }

        foreach (var enumeration in model.Enums)
        {
            foreach (var member in enumeration.Members)
            {
                var cName = member.Name.TrimStart('@');
                AddConstant(items, ProbeCategory.EnumMember, $"enum {enumeration.Name.TrimStart('@')}.{cName}", cName,
                    CompiledConstants.Of(compiled, $"{model.Namespace}.{enumeration.Name.TrimStart('@')}", member.Name), member.Value);
            }
        }

        foreach (var constant in model.Constants)
        {
            var cName = constant.Name.TrimStart('@');
            if (constant.Type.IsPointer)
            {
                // A pointer constant is a C# property, not a const: its model value is the integer it is made from.
                items.Add(ProbeItem.Integer(ProbeCategory.Constant, "const " + cName, signed: true, $"(long long)(__INTPTR_TYPE__)({cName})", constant.Value.TrimEnd('L')));
                continue;
            }

            AddConstant(items, ProbeCategory.Constant, "const " + cName, cName,
                CompiledConstants.Of(compiled, $"{model.Namespace}.{model.ClassName}", constant.Name), constant.Value);
        }

        return items;
    }

    /// <summary>
    /// Where a record is probed: as the named C type <see cref="Type"/> itself (empty <see cref="Path"/>) or
    /// as the member at <see cref="Path"/> inside it, <see cref="Offset"/> bytes into that type of
    /// <see cref="TypeSize"/> bytes. Members of unnamed struct types have no C spelling of their own.
    /// </summary>
    private sealed record RecordPlace(string Type, string Path, long TypeSize, long Offset);

    private static void AddRecord(List<ProbeItem> items, StructModel record, RecordPlace place, IReadOnlyDictionary<string, StructModel> synthetic)
    {
        var (type, path) = (place.Type, place.Path);
        var member = $"(({type}*)0)->{path}";
        var label = path.Length == 0 ? type : $"{type}.{path}";
        var prefix = path.Length == 0 ? "" : path + ".";
        items.Add(Integer(ProbeCategory.Record, $"sizeof {label}", path.Length == 0 ? $"sizeof({type})" : $"sizeof({member})", record.Size));
        items.Add(Integer(ProbeCategory.Record, $"alignof {label}", path.Length == 0 ? $"_Alignof({type})" : $"_Alignof(__typeof__({member}))", record.Alignment));
        foreach (var field in record.Fields)
        {
            var offset = path.Length == 0
                ? $"__builtin_offsetof({type}, {field.CName})"
                : $"(__builtin_offsetof({type}, {prefix}{field.CName}) - __builtin_offsetof({type}, {path}))";
            items.Add(Integer(ProbeCategory.Field, $"offsetof {label}.{field.CName}", offset, field.Offset));
            if (field.Type is NamedTypeRef { Name: var typeName } && synthetic.TryGetValue(typeName, out var nested))
            {
                AddRecord(items, nested, new RecordPlace(type, prefix + field.CName, place.TypeSize, place.Offset + field.Offset), synthetic);
            }
        }

        foreach (var bitfield in record.Bitfields)
        {
            // Only a named record's bytes are the C# struct's bytes; a nested unnamed one sits inside its parent's.
            var owner = path.Length == 0 ? record.Name : null;
            AddBitfield(items, place, prefix + bitfield.CName, $"{label}.{bitfield.CName}", bitfield, owner);
        }
    }

    /// <summary>
    /// Sets the bitfield to all ones, then to one, in an otherwise zero record, and dumps the record's
    /// bytes: all ones shows which bits it owns, one shows which end is its lowest. Reading all ones back
    /// shows its signedness.
    /// </summary>
    private static void AddBitfield(List<ProbeItem> items, RecordPlace place, string access, string label, BitfieldModel bitfield, string? owner)
    {
        var type = place.Type;
        var bitOffset = place.Offset * 8 + bitfield.BitOffset;
        BitfieldWrite? Write(long value) => owner is null ? null : new BitfieldWrite(owner, bitfield.Name, value);
        string Set(string value) => $"{{ {type} probe_v; __builtin_memset(&probe_v, 0, sizeof probe_v); probe_v.{access} = {value}; ";
        const string Dump = $"probe_dump({ProbeItem.LabelPlaceholder}, &probe_v, sizeof probe_v); }}";
        items.Add(ProbeItem.Create(ProbeCategory.Bitfield, $"bitfield {label} = ~0", ProbeValueKind.Bytes, Set("-1") + Dump,
            ExpectedBytes(place.TypeSize, bitOffset, bitfield.Width)) with { Write = Write(bitfield.IsSigned ? -1 : unchecked((long)AllOnes(bitfield.Width))) });
        items.Add(ProbeItem.Create(ProbeCategory.Bitfield, $"bitfield {label} = 1", ProbeValueKind.Bytes, Set("1") + Dump,
            ExpectedBytes(place.TypeSize, bitOffset, 1)) with { Write = Write(1) });

        var allOnes = AllOnes(bitfield.Width);
        var (kind, macro, readBack) = bitfield.IsSigned
            ? (ProbeValueKind.Signed, "PROBE_SIGNED", "-1")
            : (ProbeValueKind.Unsigned, "PROBE_UNSIGNED", allOnes.ToString(CultureInfo.InvariantCulture));
        items.Add(ProbeItem.Create(ProbeCategory.Bitfield, $"bitfield {label} reads ~0 as", kind,
            Set("-1") + $"{macro}({ProbeItem.LabelPlaceholder}, probe_v.{access}); }}", readBack));
    }

    private static ulong AllOnes(int width) => width == 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>The bytes of a zeroed record of <paramref name="size"/> bytes with bits [bitOffset, bitOffset + width) set, little-endian.</summary>
    public static string ExpectedBytes(long size, long bitOffset, int width)
    {
        var bytes = new byte[size];
        for (var bit = bitOffset; bit < bitOffset + width && bit / 8 < size; bit++)
        {
            bytes[bit / 8] |= (byte)(1 << (int)(bit % 8));
        }

        return Convert.ToHexStringLower(bytes);
    }

    private static void AddConstant(List<ProbeItem> items, ProbeCategory category, string label, string cName, object? compiledValue, string modelLiteral)
    {
        switch (CompiledConstants.Describe(compiledValue))
        {
            case (ProbeValueKind.Floating, var expected):
                items.Add(ProbeItem.Floating(category, label, cName, expected));
                break;
            case (ProbeValueKind.Bytes, var expected):
                items.Add(ProbeItem.Create(category, label, ProbeValueKind.Bytes, $"PROBE_STRING({ProbeItem.LabelPlaceholder}, {cName});", expected));
                break;
            case (var kind, var expected):
                items.Add(ProbeItem.Integer(category, label, kind == ProbeValueKind.Signed, cName, expected));
                if (category == ProbeCategory.Constant)
                {
                    AddConstantType(items, label, cName, compiledValue!, kind == ProbeValueKind.Signed);
                }

                break;
            case null:
                // The C# has no constant we can read: clang still prints its value, and the comparison fails naming our literal.
                items.Add(ProbeItem.Integer(category, label, signed: true, cName, $"(no C# constant; model literal '{modelLiteral}')"));
                break;
        }
    }

    /// <summary>
    /// The C type of an integer macro as size and signedness, <c>2 * sizeof + signed</c>: the C# constant
    /// must have the same, or values computed from it in C# wrap differently than in C. Casting -1 to the
    /// macro's own type (no arithmetic, so no promotion to int) tells signedness; pointers count as unsigned.
    /// </summary>
    private static void AddConstantType(List<ProbeItem> items, string label, string cName, object compiledValue, bool signed)
    {
        // A pointer-typed macro such as SQLITE_TRANSIENT binds as nint (easy to cast to a function pointer);
        // C has no signedness for pointers and this probe reads them as unsigned, so compare it that way.
        signed &= compiledValue is not nint;
        var size = compiledValue switch
        {
            sbyte or byte => 1,
            short or ushort or char => 2,
            int or uint => 4,
            _ => 8,
        };
        items.Add(ProbeItem.Integer(ProbeCategory.ConstantType, label + " type", signed: true,
            $"sizeof({cName}) * 2 + ((__typeof__({cName}))-1 < (__typeof__({cName}))0)", (size * 2 + (signed ? 1 : 0)).ToString(CultureInfo.InvariantCulture)));
    }

    private static ProbeItem Integer(ProbeCategory category, string label, string cExpression, long expected) =>
        ProbeItem.Integer(category, label, signed: false, cExpression, expected.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The probe's C source: the header alone first, as clang judged it and as we bind it (a system header included
    /// before it would change what it defines: feature macros, NULL), then helpers that need no header, and one item
    /// per line of <c>main</c>.
    /// </summary>
    public static string Source(string include, IReadOnlyList<ProbeItem> items, out int firstItemLine)
    {
        var text = new StringBuilder();
        text.Append("#include <").Append(include).Append(">\n");
        text.Append("""
            static void probe_dump(const char *label, const void *p, __SIZE_TYPE__ n) { const unsigned char *b = p; __builtin_printf("%s\t", label); for (__SIZE_TYPE__ i = 0; i < n; i++) __builtin_printf("%02x", b[i]); __builtin_printf("\n"); }
            /* A string literal's bytes, NULs included (ICU's U8_LEAD4_T1_BITS has some). */
            #define PROBE_STRING(label, s) probe_dump(label, s, sizeof(s) - 1)
            #define PROBE_SIGNED(label, e) __builtin_printf("%s\t%lld\n", label, (long long)(e))
            #define PROBE_UNSIGNED(label, e) __builtin_printf("%s\t%llu\n", label, (unsigned long long)(e))
            #define PROBE_FLOATING(label, e) __builtin_printf("%s\t%.17g\n", label, (double)(e))
            int main(void) {

            """);
        firstItemLine = text.ToString().Count(c => c == '\n') + 1;
        foreach (var item in items)
        {
            text.Append(item.CStatement).Append('\n');
        }

        text.Append("return 0;\n}\n");
        return text.ToString();
    }
}
