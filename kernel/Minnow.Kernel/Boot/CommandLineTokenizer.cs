namespace Minnow.Kernel.Boot;

/// <summary>
/// Splits the kernel command line into words: whitespace separates, double quotes group, and a
/// backslash inside quotes escapes the next character. The word "--" separates options for the
/// kernel (before) from the program's arguments (after). Allocation-free and safe, so it runs at
/// boot and in host unit tests alike.
/// </summary>
public ref struct CommandLineTokenizer(ReadOnlySpan<byte> text)
{
    private readonly ReadOnlySpan<byte> _text = text;
    private int _position;

    /// <summary>Copies the next word into <paramref name="destination"/>; false at the end.</summary>
    public bool TryNext(Span<byte> destination, out int written, out bool wasQuoted)
    {
        written = 0;
        wasQuoted = false;
        while (_position < _text.Length && IsSpace(_text[_position]))
            _position++;
        if (_position >= _text.Length || _text[_position] == 0)
            return false;
        bool inQuotes = false;
        while (_position < _text.Length && _text[_position] != 0)
        {
            byte c = _text[_position];
            if (!inQuotes && IsSpace(c))
                break;
            _position++;
            if (c == '"')
            {
                inQuotes = !inQuotes;
                wasQuoted = true;
                continue;
            }
            if (c == '\\' && inQuotes && _position < _text.Length)
                c = _text[_position++];
            if (written < destination.Length)
                destination[written] = c;
            written++;
        }
        return true;
    }

    /// <summary>True when a word is exactly "--" and unquoted.</summary>
    public static bool IsSeparator(ReadOnlySpan<byte> word, bool wasQuoted) => !wasQuoted && word.SequenceEqual("--"u8);

    private static bool IsSpace(byte c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
