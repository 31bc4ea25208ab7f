using Minnow.Kernel.Memory;

namespace Minnow.Kernel.Boot;

/// <summary>
/// The parsed kernel command line: kernel options (key=value words before "--") and the program's
/// argv (after it), as NUL-terminated UTF-8 strings in pages of their own, the form Main's startup
/// code expects (argv[0] is the image name).
/// </summary>
public static unsafe class CommandLine
{
    private const int MaxWords = 256;
    private static byte** s_argv;
    private static byte** s_options;
    private static int s_optionCount;

    public static int ArgumentCount { get; private set; }
    public static byte** Arguments => s_argv;

    public static bool Parse(byte* commandLine)
    {
        int length = 0;
        while (commandLine != null && commandLine[length] != 0)
            length++;
        var text = new ReadOnlySpan<byte>(commandLine, length);

        // Strings never grow when unescaped, so text length plus one NUL per word bounds the storage.
        ulong bytes = (ulong)(length + MaxWords + 2 * MaxWords * sizeof(byte*) + 64);
        ulong pages = (bytes + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong block = PhysicalMemory.AllocatePages(pages);
        if (block == 0)
            return false;
        s_argv = (byte**)block;
        s_options = s_argv + MaxWords;
        byte* strings = (byte*)(s_options + MaxWords);
        byte* stringsEnd = (byte*)(block + pages * PhysicalMemory.PageSize);

        byte* name = Store(ref strings, "image"u8);
        s_argv[0] = name;
        ArgumentCount = 1;
        bool programPart = false;
        var tokenizer = new CommandLineTokenizer(text);
        while (true)
        {
            var destination = new Span<byte>(strings, (int)(stringsEnd - strings - 1));
            if (!tokenizer.TryNext(destination, out int written, out bool quoted))
                break;
            var word = destination[..written];
            if (!programPart && CommandLineTokenizer.IsSeparator(word, quoted))
            {
                programPart = true;
                continue;
            }
            strings[written] = 0;
            if (programPart && ArgumentCount < MaxWords - 1)
                s_argv[ArgumentCount++] = strings;
            else if (!programPart && s_optionCount < MaxWords)
            {
                s_options[s_optionCount++] = strings;
                if (word.StartsWith("name="u8))
                    s_argv[0] = strings + 5;
            }
            strings += written + 1;
        }
        s_argv[ArgumentCount] = null;
        return true;
    }

    /// <summary>The value of kernel option <paramref name="key"/> (key=value), or empty; Found is false when absent.</summary>
    public static ReadOnlySpan<byte> Option(ReadOnlySpan<byte> key, out bool found)
    {
        for (int i = 0; i < s_optionCount; i++)
        {
            var word = Span(s_options[i]);
            if (word.StartsWith(key) && (word.Length == key.Length || word[key.Length] == '='))
            {
                found = true;
                return word.Length == key.Length ? default : word[(key.Length + 1)..];
            }
        }
        found = false;
        return default;
    }

    /// <summary>
    /// The value of the program's environment variable <paramref name="name"/>, given as kernel
    /// option env.NAME=VALUE (the first one wins), as a NUL-terminated string; null when none is.
    /// </summary>
    public static byte* EnvironmentVariable(ReadOnlySpan<byte> name)
    {
        byte* entry;
        for (int i = 0; (entry = EnvironmentEntry(i)) != null; i++)
        {
            var text = Span(entry);
            if (text.Length > name.Length && text.StartsWith(name) && text[name.Length] == '=')
                return entry + name.Length + 1;
        }
        return null;
    }

    /// <summary>
    /// The <paramref name="index"/>th environment variable as a NUL-terminated NAME=VALUE string (a
    /// kernel option env.NAME=VALUE with a non-empty NAME), or null past the last.
    /// </summary>
    public static byte* EnvironmentEntry(int index)
    {
        for (int i = 0; i < s_optionCount; i++)
        {
            var word = Span(s_options[i]);
            if (word.StartsWith("env."u8) && word[4..].IndexOf((byte)'=') > 0 && index-- == 0)
                return s_options[i] + 4;
        }
        return null;
    }

    public static bool HasOption(ReadOnlySpan<byte> key)
    {
        Option(key, out bool found);
        return found;
    }

    private static ReadOnlySpan<byte> Span(byte* s)
    {
        int n = 0;
        while (s[n] != 0)
            n++;
        return new ReadOnlySpan<byte>(s, n);
    }

    private static byte* Store(ref byte* at, ReadOnlySpan<byte> value)
    {
        byte* start = at;
        value.CopyTo(new Span<byte>(at, value.Length));
        at[value.Length] = 0;
        at += value.Length + 1;
        return start;
    }
}
