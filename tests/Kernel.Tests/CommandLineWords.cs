using System.Text;
using Minnow.Kernel.Boot;

namespace Minnow.Kernel.Tests;

/// <summary>Runs the kernel's tokenizer over a string, as the kernel runs it over the boot command line.</summary>
internal static class CommandLineWords
{
    public static List<(string Word, bool Quoted)> Split(string line) => Split(Encoding.UTF8.GetBytes(line));

    public static List<(string Word, bool Quoted)> Split(byte[] line)
    {
        var words = new List<(string, bool)>();
        var buffer = new byte[line.Length + 1];
        var tokenizer = new CommandLineTokenizer(line);
        while (tokenizer.TryNext(buffer, out int written, out bool quoted))
            words.Add((Encoding.UTF8.GetString(buffer, 0, written), quoted));
        return words;
    }

    /// <summary>
    /// Splits the way kernel/Minnow.Kernel/Boot/CommandLine.Parse does: words before the first
    /// unquoted "--" are kernel options, the rest are the program's arguments.
    /// </summary>
    public static (List<string> Options, List<string> Arguments) SplitAtSeparator(string line)
    {
        var options = new List<string>();
        var arguments = new List<string>();
        bool programPart = false;
        foreach (var (word, quoted) in Split(line))
        {
            if (!programPart && CommandLineTokenizer.IsSeparator(Encoding.UTF8.GetBytes(word), quoted))
            {
                programPart = true;
                continue;
            }
            (programPart ? arguments : options).Add(word);
        }
        return (options, arguments);
    }
}
