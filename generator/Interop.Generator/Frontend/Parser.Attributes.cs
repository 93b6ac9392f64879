using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

/// <summary>One attribute the layout cares about (<c>packed</c>, <c>aligned(N)</c>); others are read and kept by name only.</summary>
internal sealed record AttributeInfo(string Name, long? Value)
{
    /// <summary>The largest alignment requested by <c>aligned</c>, <c>align</c> or <c>_Alignas</c>, or null.</summary>
    public static long? Alignment(IEnumerable<AttributeInfo> attributes, ITypeSizes layout)
    {
        long? result = null;
        foreach (var attribute in attributes)
        {
            if (attribute.Name is "aligned" or "align" or "_Alignas")
            {
                // A bare "aligned" means the target's largest useful alignment.
                var value = attribute.Value ?? layout.MaxAlignment;
                result = result is { } current ? Math.Max(current, value) : value;
            }
        }

        return result;
    }
}

internal sealed partial class Parser
{
    private static bool IsAttributeStart(Token token) =>
        token.IsIdentifier && token.Text is "__attribute__" or "__attribute" or "__declspec" or "__cdecl" or "__stdcall" or "__fastcall" or "__vectorcall" or "_cdecl" or "__forceinline";

    /// <summary>
    /// Reads one GNU <c>__attribute__((a, b(args)))</c>, MSVC <c>__declspec(a b(args))</c>, <c>_Alignas(...)</c> or a
    /// calling-convention keyword. Alignment arguments are evaluated; every other argument is skipped.
    /// </summary>
    private List<AttributeInfo> ReadAttribute()
    {
        var attributes = new List<AttributeInfo>();
        var keyword = Advance();
        switch (keyword.Text)
        {
            case "__attribute__":
            case "__attribute":
                Expect("(");
                Expect("(");
                while (!Accept(")"))
                {
                    if (Accept(","))
                    {
                        continue;
                    }

                    attributes.Add(ReadOneAttribute());
                }

                Expect(")");
                break;
            case "__declspec":
                Expect("(");
                while (!Accept(")"))
                {
                    attributes.Add(ReadOneAttribute());
                }

                break;
            case "_Alignas":
            case "alignas":
                Expect("(");
                var index = _pos;
                long value;
                if (TryReadTypeName(_tokens, ref index, out var facts))
                {
                    _pos = index;
                    value = facts.Alignment;
                }
                else
                {
                    value = ConstantExpression().AsSigned;
                }

                Expect(")");
                attributes.Add(new AttributeInfo("_Alignas", value));
                break;
        }

        return attributes;
    }

    private AttributeInfo ReadOneAttribute()
    {
        var nameToken = Advance();
        if (!nameToken.IsIdentifier)
        {
            throw Error($"expected an attribute name but found {Describe(nameToken)}", nameToken);
        }

        var name = nameToken.Text.Length > 4 && nameToken.Text.StartsWith("__", StringComparison.Ordinal) && nameToken.Text.EndsWith("__", StringComparison.Ordinal)
            ? nameToken.Text.Substring(2, nameToken.Text.Length - 4)
            : nameToken.Text;
        if (!At("("))
        {
            return new AttributeInfo(name, null);
        }

        if (name is "aligned" or "align" && !PeekAt(1).Is(")"))
        {
            Advance();
            var value = ConstantExpression();
            Expect(")");
            if (value.AsSigned <= 0 || (value.AsSigned & (value.AsSigned - 1)) != 0)
            {
                throw Error($"requested alignment {value} is not a positive power of 2", nameToken);
            }

            return new AttributeInfo(name, value.AsSigned);
        }

        SkipBalanced("(", ")");
        return new AttributeInfo(name, null);
    }

    private List<AttributeInfo> ReadAttributesAndAsmLabels()
    {
        var attributes = new List<AttributeInfo>();
        while (true)
        {
            if (IsAttributeStart(Current))
            {
                attributes.AddRange(ReadAttribute());
            }
            else if (At("__asm__") || At("__asm") || At("asm"))
            {
                Advance();
                SkipBalanced("(", ")");
            }
            else
            {
                return attributes;
            }
        }
    }
}
