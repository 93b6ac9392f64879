using System.Text;

namespace Interop.Generator.Tests.Layout;

/// <summary>
/// The tricky-layout corpus: small headers that each combine the cases layout engines get wrong (bitfields of mixed
/// types and widths, zero-width and unnamed bitfields, packed and <c>#pragma pack</c> records, <c>aligned(n)</c> on
/// records, fields and typedefs, <c>_Alignas</c>, anonymous structs and unions, zero-length and flexible arrays, empty
/// records, <c>__int128</c>, <c>long double</c>, <c>_Complex</c>, <c>__fp16</c>, packed enums, records embedded in
/// records and arrays of them). Generated from a fixed seed, so every run checks the same headers; every one is C
/// that clang-14 accepts on every supported target. Names are <c>tN_...</c> so many headers share one clang run,
/// and every field is <c>fN</c> so a layout dump's member names are unambiguous.
/// </summary>
internal static class TrickyLayoutHeaders
{
    /// <summary>The corpus: <paramref name="count"/> headers from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed = 242)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new HeaderWriter(random, $"t{i}_").Write()).ToList();
    }

    private sealed class HeaderWriter(Random random, string prefix)
    {
        private static readonly (string Type, int Bits)[] BitfieldTypes =
        [
            ("unsigned char", 8), ("signed char", 8), ("char", 8), ("unsigned short", 16), ("short", 16), ("int", 32), ("unsigned", 32),
            ("long long", 64), ("unsigned long long", 64), ("_Bool", 1),
        ];

        private static readonly string[] Scalars =
        [
            "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned", "long", "unsigned long", "long long",
            "float", "double", "long double", "void *", "char *", "_Bool", "__int128", "unsigned __int128", "float _Complex",
            "double _Complex", "long double _Complex", "__fp16", "int (*)(int)",
        ];

        private readonly StringBuilder _text = new();
        private readonly List<string> _embeddable = [];
        private readonly List<string> _enums = [];
        private readonly List<string> _typedefs = [];
        private int _records;
        private int _fields;

        public string Write()
        {
            if (random.Next(3) == 0)
            {
                var name = $"{prefix}e{_enums.Count}";
                var packed = random.Next(2) == 0 ? "__attribute__((packed)) " : "";
                var big = random.Next(3) switch { 0 => "300", 1 => "70000", _ => "5000000000" };
                _text.AppendLine($"enum {packed}{name} {{ {name}_a = 1, {name}_b = {big} }};");
                _enums.Add("enum " + name);
            }

            if (random.Next(3) == 0)
            {
                var name = $"{prefix}aligned_int{_typedefs.Count}";
                _text.AppendLine($"typedef int {name} __attribute__((aligned({Pick(8, 16)})));");
                _typedefs.Add(name);
            }

            var records = random.Next(1, 4);
            for (var i = 0; i < records; i++)
            {
                WriteRecord(last: i == records - 1);
            }

            return _text.ToString();
        }

        private void WriteRecord(bool last)
        {
            var isUnion = random.Next(5) == 0;
            var name = $"{prefix}{(isUnion ? "u" : "s")}{_records++}";
            var pack = random.Next(6) == 0 ? Pick(1, 2, 4, 8) : 0;
            var packed = pack == 0 && random.Next(5) == 0;
            var aligned = random.Next(7) == 0 ? Pick(2, 8, 16, 32) : 0;
            var empty = random.Next(25) == 0;
            var flexible = !isUnion && !empty && last && random.Next(4) == 0;

            if (pack > 0)
            {
                _text.AppendLine($"#pragma pack(push, {pack})");
            }

            _text.Append(isUnion ? "union " : "struct ");
            if (packed)
            {
                _text.Append("__attribute__((packed)) ");
            }

            _text.Append(name).AppendLine(" {");
            var members = empty ? 0 : random.Next(1, 7);
            var fieldsBefore = _fields;
            for (var i = 0; i < members; i++)
            {
                WriteMember(depth: 1, isUnion);
            }

            // C wants a named member before a flexible array.
            flexible &= _fields > fieldsBefore;
            if (flexible)
            {
                _text.AppendLine($"    {Pick("char", "int", "long long", "short")} {NextField()}[];");
            }

            _text.Append('}');
            if (aligned > 0)
            {
                _text.Append($" __attribute__((aligned({aligned})))");
            }

            _text.AppendLine(";");
            if (pack > 0)
            {
                _text.AppendLine("#pragma pack(pop)");
            }

            if (!flexible)
            {
                _embeddable.Add((isUnion ? "union " : "struct ") + name);
            }
        }

        private void WriteMember(int depth, bool inUnion)
        {
            var indent = new string(' ', 4 * depth);
            switch (random.Next(12))
            {
                case 0 or 1 or 2:
                    WriteBitfield(indent);
                    break;
                case 3 when depth < 3:
                    // An anonymous struct or union: its members belong to the enclosing record.
                    var union = random.Next(2) == 0;
                    _text.AppendLine($"{indent}{(union ? "union" : "struct")} {{");
                    var count = random.Next(1, 4);
                    for (var i = 0; i < count; i++)
                    {
                        WriteMember(depth + 1, union);
                    }

                    _text.AppendLine($"{indent}}};");
                    break;
                case 4 when _embeddable.Count > 0:
                    var record = _embeddable[random.Next(_embeddable.Count)];
                    _text.AppendLine($"{indent}{record} {NextField()}{(random.Next(3) == 0 ? $"[{random.Next(1, 4)}]" : "")};");
                    break;
                case 5 when !inUnion && random.Next(2) == 0:
                    _text.AppendLine($"{indent}{Pick("char", "int", "long long", "double")} {NextField()}[0];");
                    break;
                case 6 when _enums.Count > 0 || _typedefs.Count > 0:
                    var named = _enums.Concat(_typedefs).ElementAt(random.Next(_enums.Count + _typedefs.Count));
                    _text.AppendLine($"{indent}{named} {NextField()};");
                    break;
                case 7:
                    var attribute = random.Next(3) switch
                    {
                        0 => " __attribute__((packed))",
                        1 => $" __attribute__((aligned({Pick(1, 2, 4, 8, 16)})))",
                        _ => "",
                    };
                    var alignas = attribute.Length == 0 ? $"_Alignas({Pick(16, 32)}) " : "";
                    _text.AppendLine($"{indent}{alignas}{Declare(Pick(Scalars), NextField())}{attribute};");
                    break;
                default:
                    var array = random.Next(4) == 0 ? $"[{random.Next(1, 5)}]" : random.Next(12) == 0 ? $"[{random.Next(1, 3)}][{random.Next(2, 4)}]" : "";
                    _text.AppendLine($"{indent}{Declare(Pick(Scalars), NextField() + array)};");
                    break;
            }
        }

        private void WriteBitfield(string indent)
        {
            var (type, bits) = BitfieldTypes[random.Next(BitfieldTypes.Length)];
            if (_enums.Count > 0 && random.Next(6) == 0)
            {
                (type, bits) = (_enums[random.Next(_enums.Count)], 3);
            }

            var roll = random.Next(10);
            if (roll == 0)
            {
                _text.AppendLine($"{indent}{type} : 0;");
            }
            else if (roll == 1)
            {
                _text.AppendLine($"{indent}{type} : {random.Next(1, bits + 1)};");
            }
            else
            {
                _text.AppendLine($"{indent}{type} {NextField()} : {random.Next(1, bits + 1)};");
            }
        }

        private static string Declare(string type, string declarator) =>
            type == "int (*)(int)" ? $"int (*{declarator})(int)" : $"{type} {declarator}";

        private string NextField() => $"f{_fields++}";

        private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
    }
}
