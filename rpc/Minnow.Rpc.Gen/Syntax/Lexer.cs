namespace Minnow.Rpc.Gen.Syntax;

/// <summary>Splits preprocessed RPC language text into tokens, skipping C and C++ comments.</summary>
public static class Lexer
{
    private const string Punctuation = "{}()[]<>;:,=*";

    public static List<Token> Tokenize(SourceText source)
    {
        var tokens = new List<Token>();
        string text = source.Text;
        int line = 1, lineStart = 0, i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = ++i;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var location = new SourceLocation(source.File, line, i - lineStart + 1);
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new RpcLanguageException(location, "unterminated comment");
                }
                for (int j = i; j < end; j++)
                {
                    if (text[j] == '\n')
                    {
                        line++;
                        lineStart = j + 1;
                    }
                }
                i = end + 2;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
                continue;
            }
            int start = i;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], location));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Number, text[start..i], location));
            }
            else if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                int newline = text.IndexOf('\n', i + 1);
                if (end < 0 || (newline >= 0 && newline < end))
                {
                    throw new RpcLanguageException(location, "unterminated string");
                }
                i = end + 1;
                tokens.Add(new Token(TokenKind.String, text[(start + 1)..end], location));
            }
            else if (Punctuation.Contains(c))
            {
                i++;
                tokens.Add(new Token(TokenKind.Punctuation, c.ToString(), location));
            }
            else
            {
                throw new RpcLanguageException(location, $"unexpected character '{c}'");
            }
        }
        tokens.Add(new Token(TokenKind.End, "", new SourceLocation(source.File, line, i - lineStart + 1)));
        return tokens;
    }
}
