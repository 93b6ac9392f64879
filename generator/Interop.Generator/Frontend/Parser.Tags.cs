using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

internal sealed partial class Parser
{
    /// <summary><c>struct</c>/<c>union</c> [attributes] [tag] [<c>{</c> members <c>}</c>] [attributes].</summary>
    private CType RecordSpecifier(Specifiers specifiers)
    {
        using var nesting = Nest();
        var keyword = Advance();
        var isUnion = keyword.Text == "union";
        var attributes = new List<AttributeInfo>();
        while (IsAttributeStart(Current))
        {
            attributes.AddRange(ReadAttribute());
        }

        Token? tag = null;
        if (Current.IsIdentifier && !At("{"))
        {
            tag = Advance();
        }

        if (!At("{"))
        {
            if (tag is null)
            {
                throw Error($"expected a tag name or '{{' after '{keyword.Text}'");
            }

            if (!_records.TryGetValue(tag.Text, out var existing))
            {
                // A forward declaration: the record stays opaque unless a definition follows.
                existing = new RecordDecl(isUnion, tag.Text, tag.Location, CommentAttachment.Before(keyword));
                _records[tag.Text] = existing;
            }

            return new RecordType(existing);
        }

        RecordDecl record;
        if (tag is not null && _records.TryGetValue(tag.Text, out var declared) && !declared.IsComplete && declared.IsUnion == isUnion)
        {
            record = declared;
            record.Location = tag.Location;
            record.Doc ??= CommentAttachment.Before(keyword);
        }
        else
        {
            record = new RecordDecl(isUnion, tag?.Text, (tag ?? keyword).Location, CommentAttachment.Before(keyword));
            if (tag is not null)
            {
                _records[tag.Text] = record;
            }
        }

        Expect("{");
        record.MaxFieldAlignment = _pack;
        var fields = new List<FieldDecl>();
        while (!Accept("}"))
        {
            if (Current.Kind == TokenKind.EndOfFile)
            {
                throw Error($"missing '}}' at the end of {keyword.Text} {tag?.Text ?? "(anonymous)"}");
            }

            MemberDeclaration(fields);
        }

        while (IsAttributeStart(Current))
        {
            attributes.AddRange(ReadAttribute());
        }

        record.Fields = fields;
        record.IsPacked = attributes.Any(a => a.Name == "packed");
        record.RequestedAlignment = AttributeInfo.Alignment(attributes, _layout);
        specifiers.DefinedTag = true;
        return new RecordType(record);
    }

    private void MemberDeclaration(List<FieldDecl> fields)
    {
        if (Accept(";"))
        {
            return;
        }

        if (SkipStaticAssert())
        {
            return;
        }

        var doc = CommentAttachment.Before(Current);
        var specifiers = DeclarationSpecifiers(requireType: true);
        if (At(";"))
        {
            Advance();
            if (specifiers.Type is RecordType { Decl.Tag: null } anonymous)
            {
                fields.Add(new FieldDecl(null, anonymous, null, specifiers.First.Location, CommentAttachment.Resolve(doc, Previous)));
            }

            return;
        }

        var declared = new List<FieldDecl>();
        while (true)
        {
            Token? name = null;
            var type = specifiers.Type;
            _declaratorAttributes.Clear();
            if (!At(":"))
            {
                (name, type) = Declarator(specifiers.Type);
            }

            int? width = null;
            if (Accept(":"))
            {
                var value = ConstantExpression();
                var max = _layout.SizeOf(type) * 8;
                if (value.AsSigned < 0 || value.AsSigned > max)
                {
                    throw Error($"bitfield width {value} is not between 0 and {max}");
                }

                if (value.AsSigned == 0 && name is not null)
                {
                    throw Error($"named bitfield '{name.Text}' has zero width", name);
                }

                width = (int)value.AsSigned;
            }

            _declaratorAttributes.AddRange(ReadAttributesAndAsmLabels());
            if (name is null && width is null)
            {
                throw Error("expected a member name");
            }

            if (type is FunctionType)
            {
                throw Error($"member '{name?.Text}' declared as a function", name);
            }

            var attributes = specifiers.Attributes.Concat(_declaratorAttributes).ToList();
            var field = new FieldDecl(name?.Text, type, width, (name ?? specifiers.First).Location, doc)
            {
                IsPacked = attributes.Any(a => a.Name == "packed"),
                RequestedAlignment = AttributeInfo.Alignment(attributes, _layout),
            };
            fields.Add(field);
            declared.Add(field);
            if (Accept(","))
            {
                continue;
            }

            if (At("}"))
            {
                // GNU C accepts a last member without its ';' (with a warning), and so does every header that relies on it.
                _diagnostics.Report(DiagnosticKind.AcceptedExtension, Current.Location, "expected ';' at end of the member list; taken as if it were there, as GCC and clang do");
                return;
            }

            Expect(";");
            foreach (var member in declared)
            {
                member.Doc = CommentAttachment.Resolve(member.Doc, Previous);
            }

            return;
        }
    }

    /// <summary><c>enum</c> [tag] [<c>{</c> enumerators <c>}</c>]: each value is the previous plus one unless given.</summary>
    private CType EnumSpecifier(Specifiers specifiers)
    {
        var keyword = Advance();
        var attributes = new List<AttributeInfo>();
        while (IsAttributeStart(Current))
        {
            attributes.AddRange(ReadAttribute());
        }

        Token? tag = null;
        if (Current.IsIdentifier && !At("{"))
        {
            tag = Advance();
        }

        CType? fixedType = null;
        // C23's fixed underlying type (enum e : unsigned char), which sizes the enum; but in a struct
        // "enum e : 3;" is an unnamed bitfield of type enum e, so ':' starts a type only when a type follows.
        if (At(":") && IsTypeStart(PeekAt(1)))
        {
            Advance();
            fixedType = DeclarationSpecifiers(requireType: true).Type;
        }

        if (!At("{"))
        {
            if (tag is null)
            {
                throw Error("expected a tag name or '{' after 'enum'");
            }

            if (!_enums.TryGetValue(tag.Text, out var existing))
            {
                existing = new EnumDecl(tag.Text, tag.Location, CommentAttachment.Before(keyword)) { FixedType = fixedType };
                _enums[tag.Text] = existing;
            }

            return new EnumType(existing);
        }

        var decl = tag is not null && _enums.TryGetValue(tag.Text, out var declared) && !declared.IsComplete
            ? declared
            : new EnumDecl(tag?.Text, (tag ?? keyword).Location, CommentAttachment.Before(keyword));
        if (tag is not null)
        {
            _enums[tag.Text] = decl;
        }

        Expect("{");
        var next = IntegerValue.Int(0);
        while (!Accept("}"))
        {
            var name = Advance();
            if (!name.IsIdentifier)
            {
                throw Error($"expected an enumerator name but found {Describe(name)}", name);
            }

            while (IsAttributeStart(Current))
            {
                ReadAttribute();
            }

            var value = next;
            if (Accept("="))
            {
                value = ConstantExpression();
            }

            // C gives an enumerator type int when its value fits (1u << 30 included); only wider ones keep a wider type.
            var fitsInt = value.IsUnsigned ? value.Bits <= int.MaxValue : value.AsSigned is >= int.MinValue and <= int.MaxValue;
            var constant = new EnumConstantDecl(name.Text, fitsInt ? value.ConvertTo(IntegerKind.Int) : value, name.Location, CommentAttachment.Before(name));
            decl.Constants.Add(constant);
            _unit.EnumConstants[name.Text] = constant;
            next = IntegerValue.Of(value.Bits + 1, value.Kind == IntegerKind.Int && value.AsSigned == int.MaxValue ? IntegerKind.Long : value.Kind);
            var valueEnd = Previous!;
            if (!Accept(","))
            {
                constant.Doc = CommentAttachment.Resolve(constant.Doc, valueEnd);
                Expect("}");
                break;
            }

            constant.Doc = CommentAttachment.Resolve(constant.Doc, valueEnd, Previous);
        }

        // GNU also takes the attribute after the closing brace: enum e { ... } __attribute__((packed));
        while (IsAttributeStart(Current))
        {
            attributes.AddRange(ReadAttribute());
        }

        decl.IsComplete = true;
        decl.IsPacked = attributes.Any(a => a.Name == "packed");
        decl.FixedType ??= fixedType;
        specifiers.DefinedTag = true;
        return new EnumType(decl);
    }
}
