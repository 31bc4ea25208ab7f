namespace Minnow.Rpc.Gen.Syntax;

public enum TokenKind
{
    Identifier,
    Number,
    /// <summary>A string literal (rpcgen accepts them as const values); the text is without quotes.</summary>
    String,
    Punctuation,
    End,
}
