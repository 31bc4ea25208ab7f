namespace Minnow.Rpc.Gen.Syntax;

public readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location)
{
    public bool Is(string text) => Kind != TokenKind.End && Text == text;

    public override string ToString() => Kind == TokenKind.End ? "end of file" : $"'{Text}'";
}
