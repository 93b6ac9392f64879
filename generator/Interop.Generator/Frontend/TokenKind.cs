namespace Interop.Generator.Frontend;

/// <summary>Preprocessing-token categories (C11 6.4); keywords are identifiers until the parser looks at them.</summary>
internal enum TokenKind
{
    Identifier,
    Number,
    CharLiteral,
    StringLiteral,
    Punctuator,
    /// <summary>A stray character the lexer could not classify; kept so the preprocessor can skip it in dead code.</summary>
    Other,
    /// <summary>A <c>#pragma pack</c> marker handed from the preprocessor to the parser.</summary>
    PragmaPack,
    EndOfFile,
}
