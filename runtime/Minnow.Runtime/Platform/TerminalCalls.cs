using System.Runtime.InteropServices;

namespace Minnow.Runtime.Platform;

/// <summary>
/// System.Console's terminal-input and terminfo calls. The console is a serial line and IsATty says
/// so, so the class library reads standard input as a redirected stream and never loads terminfo;
/// these are reachable only through virtual calls (Stream.ReadAsync on any stream keeps
/// ConsoleStream.Read alive) and behave as for a terminal with nothing typed.
/// </summary>
internal static unsafe class TerminalCalls
{
    // Standard input is empty: end of file.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ReadStdin")]
    private static int ReadStdin(byte* buffer, int bufferSize) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_InitializeConsoleBeforeRead")]
    private static void InitializeConsoleBeforeRead(byte minChars, byte decisecondsTimeout)
    {
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_UninitializeConsoleAfterRead")]
    private static void UninitializeConsoleAfterRead()
    {
    }

    // snprintf with one argument, as terminfo's parameterised strings use it: one conversion
    // (%[-0+ #][width][.precision](d|i|u|x|X|o|c|s)); returns the length of the whole result.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SNPrintF_1S")]
    private static int SNPrintFString(byte* str, int size, byte* format, byte* arg)
    {
        var text = arg == null ? "(null)" : Marshal.PtrToStringUTF8((nint)arg) ?? "";
        return Format(str, size, format, text, 0, isString: true);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SNPrintF_1I")]
    private static int SNPrintFInt(byte* str, int size, byte* format, int arg) => Format(str, size, format, null, arg, isString: false);

    private static int Format(byte* str, int size, byte* format, string? text, int number, bool isString)
    {
        string pattern = Marshal.PtrToStringUTF8((nint)format) ?? "";
        var result = new System.Text.StringBuilder();
        bool converted = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%' || i + 1 >= pattern.Length)
            {
                result.Append(pattern[i]);
                continue;
            }
            if (pattern[i + 1] == '%')
            {
                result.Append('%');
                i++;
                continue;
            }
            int j = i + 1;
            bool left = false, zero = false;
            while (j < pattern.Length && "-0+ #".Contains(pattern[j]))
            {
                left |= pattern[j] == '-';
                zero |= pattern[j] == '0';
                j++;
            }
            int width = 0;
            while (j < pattern.Length && char.IsAsciiDigit(pattern[j]))
                width = width * 10 + (pattern[j++] - '0');
            if (j < pattern.Length && pattern[j] == '.')
            {
                j++;
                while (j < pattern.Length && char.IsAsciiDigit(pattern[j]))
                    j++;
            }
            if (j >= pattern.Length || converted)
            {
                result.Append(pattern, i, Math.Min(pattern.Length, j + 1) - i);
                i = j;
                continue;
            }
            string value = pattern[j] switch
            {
                'd' or 'i' => isString ? "" : number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                'u' => isString ? "" : ((uint)number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                'x' => isString ? "" : number.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                'X' => isString ? "" : number.ToString("X", System.Globalization.CultureInfo.InvariantCulture),
                'o' => isString ? "" : Convert.ToString(number, 8),
                'c' => isString ? "" : ((char)(byte)number).ToString(),
                's' => text ?? "",
                _ => "",
            };
            converted = true;
            if (value.Length < width)
                value = left ? value.PadRight(width) : value.PadLeft(width, zero && pattern[j] != 's' ? '0' : ' ');
            result.Append(value);
            i = j;
        }
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(result.ToString());
        if (str != null && size > 0)
        {
            int count = Math.Min(bytes.Length, size - 1);
            bytes.AsSpan(0, count).CopyTo(new Span<byte>(str, count));
            str[count] = 0;
        }
        return bytes.Length;
    }
}
