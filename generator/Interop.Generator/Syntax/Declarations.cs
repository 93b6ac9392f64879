using Interop.Generator.Diagnostics;

namespace Interop.Generator.Syntax;

/// <summary>A top-level C declaration in source order, with where it was written and its doc comment.</summary>
public abstract class Declaration
{
    protected Declaration(SourceLocation location, string? doc)
    {
        Location = location;
        Doc = doc;
    }

    public SourceLocation Location { get; set; }
    public string? Doc { get; set; }
}

public sealed class ParameterDecl
{
    public ParameterDecl(string? name, CType type)
    {
        Name = name;
        Type = type;
    }

    public string? Name { get; }
    public CType Type { get; }
}

/// <summary>A struct or union; <see cref="Fields"/> stays null while it is only forward-declared.</summary>
public sealed class RecordDecl : Declaration
{
    public RecordDecl(bool isUnion, string? tag, SourceLocation location, string? doc)
        : base(location, doc)
    {
        IsUnion = isUnion;
        Tag = tag;
    }

    public bool IsUnion { get; }
    public string? Tag { get; }
    public List<FieldDecl>? Fields { get; set; }
    public bool IsComplete => Fields is not null;

    /// <summary>The first typedef that names this record; bindings use it as the C# name.</summary>
    public string? TypedefName { get; set; }

    /// <summary><c>__attribute__((packed))</c>: every field aligned to one byte.</summary>
    public bool IsPacked { get; set; }

    /// <summary>The <c>#pragma pack</c> in force at the definition, in bytes; null when none.</summary>
    public int? MaxFieldAlignment { get; set; }

    /// <summary><c>__attribute__((aligned(n)))</c> on the record, in bytes.</summary>
    public long? RequestedAlignment { get; set; }
}

public sealed class FieldDecl
{
    public FieldDecl(string? name, CType type, int? bitWidth, SourceLocation location, string? doc)
    {
        Name = name;
        Type = type;
        BitWidth = bitWidth;
        Location = location;
        Doc = doc;
    }

    /// <summary>Null for an anonymous struct or union member, or an unnamed bitfield.</summary>
    public string? Name { get; }
    public CType Type { get; }
    public int? BitWidth { get; }
    public SourceLocation Location { get; }
    public string? Doc { get; set; }

    /// <summary><c>__attribute__((packed))</c> on the field: it is aligned to one byte.</summary>
    public bool IsPacked { get; set; }

    /// <summary><c>aligned(n)</c> or <c>_Alignas(n)</c> on the field: at least this alignment.</summary>
    public long? RequestedAlignment { get; set; }
}

public sealed class EnumDecl : Declaration
{
    public EnumDecl(string? tag, SourceLocation location, string? doc)
        : base(location, doc) => Tag = tag;

    public string? Tag { get; }
    public List<EnumConstantDecl> Constants { get; } = new();
    public bool IsComplete { get; set; }
    public string? TypedefName { get; set; }

    /// <summary><c>__attribute__((packed))</c>: GNU targets give the enum the smallest integer type that holds its values.</summary>
    public bool IsPacked { get; set; }

    /// <summary>The fixed underlying type of <c>enum e : T</c> (C23, a clang extension before it), or null.</summary>
    public CType? FixedType { get; set; }
}

public sealed class EnumConstantDecl
{
    public EnumConstantDecl(string name, IntegerValue value, SourceLocation location, string? doc)
    {
        Name = name;
        Value = value;
        Location = location;
        Doc = doc;
    }

    public string Name { get; }
    public IntegerValue Value { get; }
    public SourceLocation Location { get; }
    public string? Doc { get; set; }
}

public sealed class TypedefDecl : Declaration
{
    public TypedefDecl(string name, CType type, SourceLocation location, string? doc)
        : base(location, doc)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public CType Type { get; }

    /// <summary><c>aligned(n)</c> on a typedef sets the type's alignment, up or down, as GCC and clang do.</summary>
    public long? RequestedAlignment { get; set; }
}

public sealed class FunctionDecl : Declaration
{
    public FunctionDecl(string name, FunctionType type, bool isStatic, bool isInline, SourceLocation location, string? doc)
        : base(location, doc)
    {
        Name = name;
        Type = type;
        IsStatic = isStatic;
        IsInline = isInline;
    }

    public string Name { get; }
    public FunctionType Type { get; }
    public bool IsStatic { get; }
    public bool IsInline { get; }
    public bool HasBody { get; set; }
}

/// <summary>A declaration of a record or enum by itself (<c>struct s { ... };</c>), kept to preserve source order.</summary>
public sealed class TagDeclaration : Declaration
{
    public TagDeclaration(CType type, SourceLocation location)
        : base(location, null) => Type = type;

    public CType Type { get; }
}

/// <summary>Everything the parser found, in source order.</summary>
public sealed class TranslationUnit
{
    public List<Declaration> Declarations { get; } = new();
    public Dictionary<string, EnumConstantDecl> EnumConstants { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A <c>static</c> variable with an initializer (<c>static const int FOO = 3;</c>): C code uses it like a named
/// constant. <see cref="Value"/> is the initializer's value when it is an integer constant expression.
/// </summary>
public sealed class StaticVariableDecl : Declaration
{
    public StaticVariableDecl(string name, CType type, IntegerValue? value, SourceLocation location, string? doc)
        : base(location, doc)
    {
        Name = name;
        Type = type;
        Value = value;
    }

    public string Name { get; }
    public CType Type { get; }

    /// <summary>Null when the initializer is not an integer constant expression (an address, a string, a call, a brace list).</summary>
    public IntegerValue? Value { get; }
}
