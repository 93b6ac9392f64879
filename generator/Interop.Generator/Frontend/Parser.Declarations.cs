using Interop.Generator.Diagnostics;
using Interop.Generator.Syntax;

namespace Interop.Generator.Frontend;

internal sealed partial class Parser
{
    private sealed class Specifiers
    {
        public CType Type { get; set; } = new PrimitiveType(PrimitiveKind.Int);
        public bool IsTypedef { get; set; }
        public bool IsStatic { get; set; }
        public bool IsExtern { get; set; }
        public bool IsInline { get; set; }
        public Token First { get; set; } = null!;
        public string? Doc { get; set; }
        public bool DefinedTag { get; set; }
        public List<AttributeInfo> Attributes { get; } = new();
    }

    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile", "__volatile__",
        "_Atomic", "_Nonnull", "_Nullable", "_Null_unspecified", "__ptr32", "__ptr64", "__unaligned", "_Noreturn", "__extension__",
    };

    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "float", "double", "signed", "__signed", "__signed__", "unsigned", "_Bool",
        "__int128", "_Float128", "__float128", "__builtin_va_list", "struct", "union", "enum", "_Complex", "__complex__",
        "typeof", "__typeof", "__typeof__", "_Float16", "__fp16", "_Float32", "_Float64",
    };

    private static readonly HashSet<string> StorageKeywords = new(StringComparer.Ordinal)
    {
        "typedef", "extern", "static", "auto", "register", "inline", "__inline", "__inline__", "_Thread_local", "__thread",
    };

    private void TopLevelDeclaration()
    {
        if (Current.Kind == TokenKind.PragmaPack)
        {
            ApplyPragmaPack(Advance());
            return;
        }

        if (Accept(";"))
        {
            return;
        }

        if (SkipStaticAssert())
        {
            return;
        }

        if (At("asm") || At("__asm__") || At("__asm"))
        {
            Advance();
            SkipBalanced("(", ")");
            Expect(";");
            return;
        }

        var specifiers = DeclarationSpecifiers(requireType: true);
        if (Accept(";"))
        {
            if (specifiers.DefinedTag || specifiers.Type is RecordType or EnumType)
            {
                _unit.Declarations.Add(new TagDeclaration(specifiers.Type, specifiers.First.Location));
                DocumentFromAfter(specifiers.Type switch { RecordType r => r.Decl, EnumType e => e.Decl, _ => null });
            }

            return;
        }

        var declared = new List<Declaration>();

        while (true)
        {
            _declaratorAttributes.Clear();
            var (name, type) = Declarator(specifiers.Type);
            _declaratorAttributes.AddRange(ReadAttributesAndAsmLabels());
            if (name is null)
            {
                throw Error("expected a declarator name");
            }

            if (specifiers.IsTypedef)
            {
                var typedef = DeclareTypedef(name, type, specifiers);
                declared.Add(typedef);
                typedef.RequestedAlignment = AttributeInfo.Alignment(specifiers.Attributes.Concat(_declaratorAttributes), _layout);
                if (typedef.RequestedAlignment is not null && type is RecordType { Decl: { Tag: not null } aligned } && aligned.TypedefName == name.Text)
                {
                    // typedef struct s __attribute__((aligned(16))) s_t: s_t is an over-aligned alias, not the struct's
                    // own name; the struct is bound by its tag and the alias's alignment applies where it is used.
                    aligned.TypedefName = null;
                }
            }
            else if (type is FunctionType function)
            {
                var decl = new FunctionDecl(name.Text, function, specifiers.IsStatic, specifiers.IsInline, name.Location, specifiers.Doc ?? CommentAttachment.Before(name));
                _unit.Declarations.Add(decl);
                declared.Add(decl);
                if (At("{"))
                {
                    decl.HasBody = true;
                    SkipBalanced("{", "}");
                    DocumentFromAfter(declared);
                    return;
                }
            }

            if (Accept("="))
            {
                if (specifiers.IsStatic && !specifiers.IsTypedef && type is not FunctionType)
                {
                    var value = StaticInitializer();
                    _unit.Declarations.Add(new StaticVariableDecl(name.Text, type, value, name.Location, specifiers.Doc ?? name.DocComment));
                    if (value is { } known && type.IsConst && type.Canonical is not PointerType && _layout.IntegerKindOf(type) is { } kind)
                    {
                        // Later constant expressions may name it (static const flags_t ALL = READ | WRITE;).
                        _staticConstants[name.Text] = known.ConvertTo(kind);
                    }
                }

                SkipInitializer();
            }

            if (Accept(","))
            {
                continue;
            }

            Expect(";");
            DocumentFromAfter(declared);
            return;
        }
    }

    /// <summary>A comment trailing the declaration's last token, or zlib's below it, documents the declarations it ends.</summary>
    private void DocumentFromAfter(IEnumerable<Declaration?> declarations)
    {
        foreach (var declaration in declarations)
        {
            if (declaration is null)
            {
                continue;
            }

            var before = declaration.Doc;
            declaration.Doc = CommentAttachment.Resolve(before, Previous);
            var (record, enumeration) = declaration is TypedefDecl typedef
                ? (typedef.Type is RecordType { Decl: var r } && r.TypedefName == typedef.Name ? r : null, typedef.Type is EnumType { Decl: var e } && e.TypedefName == typedef.Name ? e : null)
                : (declaration as RecordDecl, declaration as EnumDecl);
            if (record is not null && record.Doc == before)
            {
                record.Doc = declaration.Doc;
            }

            if (enumeration is not null && enumeration.Doc == before)
            {
                enumeration.Doc = declaration.Doc;
            }
        }
    }

    private void DocumentFromAfter(Declaration? declaration) => DocumentFromAfter(new[] { declaration });

    private TypedefDecl DeclareTypedef(Token name, CType type, Specifiers specifiers)
    {
        var decl = new TypedefDecl(name.Text, type, name.Location, specifiers.Doc ?? CommentAttachment.Before(name));
        _typedefs[name.Text] = decl;
        _unit.Declarations.Add(decl);
        switch (type)
        {
            case RecordType { Decl: var record } when record.TypedefName is null:
                record.TypedefName = name.Text;
                record.Doc ??= decl.Doc;
                break;
            case EnumType { Decl: var enumeration } when enumeration.TypedefName is null:
                enumeration.TypedefName = name.Text;
                enumeration.Doc ??= decl.Doc;
                break;
        }

        return decl;
    }

    /// <summary>A static variable's initializer as an integer constant expression, or null (the caller skips what is left).</summary>
    private IntegerValue? StaticInitializer()
    {
        var start = _pos;
        try
        {
            var value = ConstantExpression();
            if (At(",") || At(";"))
            {
                return value;
            }
        }
        catch (ConstantExpressionException)
        {
        }
        catch (LayoutException)
        {
        }

        _pos = start;
        return null;
    }

    private void SkipInitializer()
    {
        var depth = 0;
        while (Current.Kind != TokenKind.EndOfFile)
        {
            if (depth == 0 && (At(",") || At(";")))
            {
                return;
            }

            var token = Advance();
            depth += token.Is("{") || token.Is("(") ? 1 : token.Is("}") || token.Is(")") ? -1 : 0;
        }
    }

    private Specifiers DeclarationSpecifiers(bool requireType)
    {
        var specifiers = new Specifiers { First = Current, Doc = CommentAttachment.Before(Current) };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        CType? named = null;
        var isConst = false;
        Token? atomic = null;

        while (true)
        {
            var token = Current;
            if (token.Kind != TokenKind.Identifier)
            {
                break;
            }

            var text = token.Text;
            if (StorageKeywords.Contains(text))
            {
                Advance();
                switch (text)
                {
                    case "typedef": specifiers.IsTypedef = true; break;
                    case "static": specifiers.IsStatic = true; break;
                    case "extern": specifiers.IsExtern = true; break;
                    case "inline":
                    case "__inline":
                    case "__inline__":
                        specifiers.IsInline = true;
                        break;
                }

                continue;
            }

            if (Qualifiers.Contains(text))
            {
                RequireMicrosoftExtensions(token);
                Advance();
                isConst |= text is "const" or "__const" or "__const__";
                if (text == "_Atomic")
                {
                    atomic = token;
                    if (At("("))
                    {
                        // _Atomic(type-name), C11 6.7.2.4: stdatomic.h's typedef _Atomic(_Bool) atomic_bool.
                        if (named is not null || counts.Count > 0)
                        {
                            throw Error("two or more data types in declaration specifiers", token);
                        }

                        Advance();
                        var inner = DeclarationSpecifiers(requireType: true);
                        named = Declarator(inner.Type).Type;
                        Expect(")");
                    }
                }

                continue;
            }

            if (IsAttributeStart(token) || text is "_Alignas" or "alignas")
            {
                specifiers.Attributes.AddRange(ReadAttribute());
                continue;
            }

            if (text is "struct" or "union")
            {
                if (named is not null || counts.Count > 0)
                {
                    throw Error($"two or more data types in declaration specifiers", token);
                }

                named = RecordSpecifier(specifiers);
                continue;
            }

            if (text == "enum")
            {
                if (named is not null || counts.Count > 0)
                {
                    throw Error($"two or more data types in declaration specifiers", token);
                }

                named = EnumSpecifier(specifiers);
                continue;
            }

            if (text is "typeof" or "__typeof" or "__typeof__")
            {
                throw new ParseException(DiagnosticKind.Unsupported, token.Location, $"'{text}' is not supported yet");
            }

            if (TypeKeywords.Contains(text))
            {
                if (named is not null)
                {
                    throw Error($"two or more data types in declaration specifiers", token);
                }

                if (text == "_Float16" && !_layout.HasFloat16)
                {
                    throw Error($"_Float16 is not supported on {_layout.Triple}, as clang-14 says ('__fp16' is, as a storage type)", token);
                }

                Advance();
                var key = text switch { "__signed" or "__signed__" => "signed", "__float128" => "_Float128", "__complex__" => "_Complex", "__fp16" => "_Float16", _ => text };
                counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
                continue;
            }

            if (named is null && counts.Count == 0 && _typedefs.TryGetValue(text, out var typedef))
            {
                Advance();
                named = new TypedefType(typedef);
                continue;
            }

            break;
        }

        if (named is null && counts.Count == 0)
        {
            if (requireType)
            {
                var token = Current;
                if (token.IsIdentifier && (PeekAt(1).IsIdentifier || PeekAt(1).Is("*")))
                {
                    throw new ParseException(DiagnosticKind.UnknownType, token.Location, $"unknown type name '{token.Text}'");
                }

                if (!specifiers.IsTypedef && !specifiers.IsExtern && !specifiers.IsStatic)
                {
                    throw Error($"expected a declaration but found {Describe(token)}");
                }
            }
        }

        specifiers.Type = (named ?? PrimitiveFrom(counts, specifiers.First)).WithConst(isConst);
        if (atomic is not null)
        {
            RequireAtomicLayoutUnchanged(specifiers.Type, atomic);
        }

        return specifiers;
    }

    /// <summary>
    /// An atomic type is bound as its plain type, which is exact when clang lays both out alike: scalars, and records
    /// whose size is a power of two and their alignment. clang rounds other records of up to 16 bytes up to a power
    /// of two, with alignment to match, a layout .NET's plain struct would not have: a located warning, not a guess.
    /// </summary>
    private void RequireAtomicLayoutUnchanged(CType type, Token atomic)
    {
        if (type.Canonical is RecordType { Decl.IsComplete: true } record)
        {
            var (size, alignment) = _layout.Measure(record);
            if (size <= 16 && (size & (size - 1)) is var notPowerOfTwo && (notPowerOfTwo != 0 || alignment != size))
            {
                throw new ParseException(DiagnosticKind.Unsupported, atomic.Location,
                    $"an _Atomic struct or union of {size} bytes, aligned to {alignment}, is rounded up by clang to a power of two; it is not bound");
            }
        }
    }

    private CType PrimitiveFrom(Dictionary<string, int> counts, Token at)
    {
        int Count(string key) => counts.TryGetValue(key, out var n) ? n : 0;
        var signed = Count("signed") > 0;
        var unsigned = Count("unsigned") > 0;
        if (signed && unsigned)
        {
            throw Error("both 'signed' and 'unsigned' in declaration specifiers", at);
        }

        var longs = Count("long");
        PrimitiveKind kind;
        if (Count("void") > 0) kind = PrimitiveKind.Void;
        else if (Count("_Bool") > 0) kind = PrimitiveKind.Bool;
        else if (Count("char") > 0) kind = unsigned ? PrimitiveKind.UChar : signed ? PrimitiveKind.SChar : PrimitiveKind.Char;
        else if (Count("short") > 0) kind = unsigned ? PrimitiveKind.UShort : PrimitiveKind.Short;
        else if (Count("float") > 0) kind = PrimitiveKind.Float;
        else if (Count("double") > 0) kind = longs > 0 ? PrimitiveKind.LongDouble : PrimitiveKind.Double;
        else if (Count("_Float128") > 0) kind = PrimitiveKind.Float128;
        else if (Count("_Float16") > 0) kind = PrimitiveKind.Float16;
        else if (Count("_Float32") > 0) kind = PrimitiveKind.Float;
        else if (Count("_Float64") > 0) kind = PrimitiveKind.Double;
        else if (Count("__int128") > 0) kind = unsigned ? PrimitiveKind.UInt128 : PrimitiveKind.Int128;
        else if (Count("__builtin_va_list") > 0) kind = PrimitiveKind.VaList;
        else if (longs >= 2) kind = unsigned ? PrimitiveKind.ULongLong : PrimitiveKind.LongLong;
        else if (longs == 1) kind = unsigned ? PrimitiveKind.ULong : PrimitiveKind.Long;
        else kind = unsigned ? PrimitiveKind.UInt : PrimitiveKind.Int;

        if (longs > 2)
        {
            throw Error("'long long long' is too long for C", at);
        }

        if (Count("_Complex") > 0)
        {
            // A bare _Complex is double _Complex; GNU's integer complex types have no C# counterpart.
            kind = kind switch
            {
                PrimitiveKind.Float => PrimitiveKind.ComplexFloat,
                PrimitiveKind.Double => PrimitiveKind.ComplexDouble,
                PrimitiveKind.Int when counts.Count == 1 => PrimitiveKind.ComplexDouble,
                PrimitiveKind.LongDouble => PrimitiveKind.ComplexLongDouble,
                _ => throw new ParseException(DiagnosticKind.Unsupported, at.Location, $"'_Complex {kind}' (a GNU integer complex type) is not supported"),
            };
        }

        return new PrimitiveType(kind);
    }

    /// <summary>
    /// Microsoft's pointer qualifiers are keywords only where clang reads Microsoft's extensions (Windows targets);
    /// elsewhere clang rejects them, so binding one as a 64-bit pointer would bind a header clang does not compile.
    /// </summary>
    private void RequireMicrosoftExtensions(Token token)
    {
        if (token.Text is "__ptr32" or "__ptr64" or "__unaligned" && !_layout.HasMicrosoftExtensions)
        {
            throw Error($"'{token.Text}' is a Microsoft extension, which clang reads only for Windows targets, not {_layout.Triple}", token);
        }
    }

    /// <summary>A keyword that can begin declaration specifiers (typedef names excluded).</summary>
    private static bool IsKeywordStart(Token token) =>
        token.IsIdentifier && (TypeKeywords.Contains(token.Text) || Qualifiers.Contains(token.Text) || StorageKeywords.Contains(token.Text)
            || IsAttributeStart(token) || token.Text is "_Alignas" or "alignas");

    private bool IsTypeStart(Token token)
    {
        if (!token.IsIdentifier)
        {
            return false;
        }

        return TypeKeywords.Contains(token.Text) || Qualifiers.Contains(token.Text) || StorageKeywords.Contains(token.Text)
            || IsAttributeStart(token) || token.Text is "_Alignas" or "alignas" || _typedefs.ContainsKey(token.Text);
    }

    /// <summary>A declarator: pointers, an optional name (abstract declarators have none), then array and function suffixes.</summary>
    private (Token? Name, CType Type) Declarator(CType type)
    {
        using var nesting = Nest();
        while (true)
        {
            if (Accept("*"))
            {
                type = new PointerType(type);
                while (Current.IsIdentifier && (Qualifiers.Contains(Current.Text) || IsAttributeStart(Current)))
                {
                    RequireMicrosoftExtensions(Current);
                    if (IsAttributeStart(Current))
                    {
                        ReadAttribute();
                    }
                    else if (Current.Text == "__ptr32")
                    {
                        // MSVC's 32-bit pointer in 64-bit code: 4 bytes in every struct that holds one.
                        var qualifier = Advance();
                        _diagnostics.Report(DiagnosticKind.LayoutNote, qualifier.Location, "a '__ptr32' pointer is 4 bytes, as MSVC lays it out; it is bound as a uint holding the 32-bit address");
                        type = new PointerType(((PointerType)type).Pointee, is32Bit: true).WithConst(type.IsConst);
                    }
                    else
                    {
                        type = type.WithConst(type.IsConst || Advance().Text is "const" or "__const" or "__const__");
                    }
                }

                continue;
            }

            if (IsAttributeStart(Current))
            {
                _declaratorAttributes.AddRange(ReadAttribute());
                continue;
            }

            break;
        }

        if (At("(") && !IsTypeStart(PeekAt(1)) && !PeekAt(1).Is(")"))
        {
            // Nested declarator, e.g. int (*fp)(int): the suffix after ')' applies first, so read it,
            // then come back and read the inner declarator on top of the resulting type.
            var innerStart = _pos + 1;
            SkipBalanced("(", ")");
            type = TypeSuffix(type);
            var end = _pos;
            _pos = innerStart;
            var (innerName, innerType) = Declarator(type);
            Expect(")");
            _pos = end;
            return (innerName, innerType);
        }

        Token? name = null;
        // Past the specifiers an identifier names the declarator, even one that is already a typedef name:
        // glibc's stdio.h redeclares "typedef __gnuc_va_list va_list;" after stdarg.h declared va_list.
        if (Current.IsIdentifier && !IsKeywordStart(Current))
        {
            name = Advance();
        }

        _declaratorAttributes.AddRange(ReadAttributesAndAsmLabels());
        type = TypeSuffix(type);
        // GNU C also allows attributes after the suffix: int a[] __attribute__((unused)).
        _declaratorAttributes.AddRange(ReadAttributesAndAsmLabels());
        return (name, type);
    }

    private CType TypeSuffix(CType type)
    {
        using var nesting = Nest();
        if (Accept("["))
        {
            while (Current.IsIdentifier && (Qualifiers.Contains(Current.Text) || Current.Text == "static"))
            {
                Advance();
            }

            long? length = null;
            if (!At("]"))
            {
                if (At("*"))
                {
                    Advance();
                }
                else if (_parameterDepth > 0)
                {
                    // A parameter array is a pointer whatever its size; C99 sizes it by earlier parameters (int m[n]).
                    SkipArraySize();
                }
                else
                {
                    var value = ConstantExpression();
                    if (value.AsSigned < 0)
                    {
                        throw Error("array has negative size");
                    }

                    length = value.AsSigned;
                }
            }

            Expect("]");
            var element = TypeSuffix(type);
            return new ArrayType(element, length);
        }

        if (At("("))
        {
            Advance();
            return ParameterList(type);
        }

        return type;
    }

    private FunctionType ParameterList(CType returnType)
    {
        var parameters = new List<ParameterDecl>();
        if (Accept(")"))
        {
            return new FunctionType(returnType, parameters, isVariadic: false, hasPrototype: false);
        }

        if (At("void") && PeekAt(1).Is(")"))
        {
            Advance();
            Advance();
            return new FunctionType(returnType, parameters, isVariadic: false, hasPrototype: true);
        }

        var variadic = false;
        while (true)
        {
            if (Accept("..."))
            {
                variadic = true;
                Expect(")");
                break;
            }

            if (!IsTypeStart(Current))
            {
                if (Current.IsIdentifier && (PeekAt(1).IsIdentifier || PeekAt(1).Is("*")))
                {
                    throw new ParseException(DiagnosticKind.UnknownType, Current.Location, $"unknown type name '{Current.Text}'");
                }

                throw Error($"expected a parameter type but found {Describe(Current)}");
            }

            var specifiers = DeclarationSpecifiers(requireType: true);
            Token? name;
            CType type;
            _parameterDepth++;
            try
            {
                (name, type) = Declarator(specifiers.Type);
            }
            finally
            {
                _parameterDepth--;
            }

            if (parameters.Count == 0 && name is null && type.Canonical is PrimitiveType { Kind: PrimitiveKind.Void } && Accept(")"))
            {
                // f(VOID) with typedef void VOID: still no parameters.
                return new FunctionType(returnType, parameters, isVariadic: false, hasPrototype: true);
            }

            type = type switch
            {
                ArrayType array => new PointerType(array.Element).WithConst(array.IsConst),
                FunctionType => new PointerType(type),
                _ => type,
            };
            parameters.Add(new ParameterDecl(name?.Text, type));
            if (Accept(","))
            {
                continue;
            }

            Expect(")");
            break;
        }

        return new FunctionType(returnType, parameters, variadic, hasPrototype: true);
    }

    /// <summary>Skips an array size expression up to (not including) its closing <c>]</c>.</summary>
    private void SkipArraySize()
    {
        var depth = 0;
        while (Current.Kind != TokenKind.EndOfFile && !(depth == 0 && At("]")))
        {
            var token = Advance();
            depth += token.Is("[") || token.Is("(") ? 1 : token.Is("]") || token.Is(")") ? -1 : 0;
        }
    }

    private IntegerValue ConstantExpression()
    {
        var index = _pos;
        var value = ConstantExpressionEvaluator.Evaluate(_tokens, ref index, LookUpConstant, this);
        _pos = index;
        return value;
    }

    private IntegerValue? LookUpConstant(Token token) =>
        _unit.EnumConstants.TryGetValue(token.Text, out var constant) ? constant.Value
        : _staticConstants.TryGetValue(token.Text, out var value) ? value : null;

    /// <summary>
    /// Reads a type name at <paramref name="index"/> of any token list: the header's own, or a macro's expansion.
    /// A syntax error leaves the parser where it failed, so the top level recovers from there; callers that
    /// read other lists restore their own state (<see cref="TryEvaluateConstant"/>).
    /// </summary>
    public bool TryReadTypeName(IReadOnlyList<Token> tokens, ref int index, out TypeFacts facts)
    {
        facts = default;
        if (index >= tokens.Count || !IsTypeStart(tokens[index]))
        {
            return false;
        }

        var saved = (_tokens, _pos);
        (_tokens, _pos) = (tokens, index);
        var specifiers = DeclarationSpecifiers(requireType: true);
        var (_, type) = Declarator(specifiers.Type);
        index = _pos;
        (_tokens, _pos) = saved;
        var (size, alignment) = _layout.Measure(type);
        facts = new TypeFacts(size, alignment, _layout.IntegerKindOf(type));
        return true;
    }

    private void ApplyPragmaPack(Token pragma)
    {
        // The token's text is the pragma's argument list, e.g. "(push, 4)", "(pop)", "(2)" or "()".
        var args = pragma.Text.Trim().TrimStart('(').TrimEnd(')').Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (args.Count == 0)
        {
            _pack = null;
            return;
        }

        if (args[0] == "push")
        {
            _packStack.Push(_pack);
            args.RemoveAt(0);
        }
        else if (args[0] == "pop")
        {
            _pack = _packStack.Count > 0 ? _packStack.Pop() : null;
            return;
        }

        if (args.Count > 0 && int.TryParse(args[args.Count - 1], out var n) && n is 1 or 2 or 4 or 8 or 16)
        {
            _pack = n;
        }
    }

    /// <summary>Skips a <c>_Static_assert(...);</c> (file or member scope): it declares nothing to bind.</summary>
    private bool SkipStaticAssert()
    {
        if (!At("_Static_assert") && !At("static_assert"))
        {
            return false;
        }

        Advance();
        SkipBalanced("(", ")");
        Expect(";");
        return true;
    }
}
