namespace Minnow.Kernel.Console;

/// <summary>
/// Kernel messages: whole lines prefixed "minnow: ", on the debug console when QEMU provides one,
/// else on COM1. Allocation-free, so it works before the heap exists and inside a panic.
/// </summary>
public static class KernelLog
{
    private static DebugConsole s_debug;
    private static SerialPort s_serial;
    private static bool s_atLineStart;

    public static void Initialize(in SerialPort serial)
    {
        s_serial = serial;
        s_debug.Initialize();
        s_atLineStart = true;
    }

    public static bool HasSeparateChannel => s_debug.IsPresent;

    public static void Write(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            WriteChar(c);
    }

    public static void Write(string text) => Write(text.AsSpan());

    public static void WriteLine(string text)
    {
        Write(text.AsSpan());
        WriteChar('\n');
    }

    public static void WriteLine() => WriteChar('\n');

    /// <summary>0x-prefixed, 16 hex digits: the form the host symbolizer parses.</summary>
    public static void WriteHex(ulong value)
    {
        Write("0x");
        for (int shift = 60; shift >= 0; shift -= 4)
            WriteChar("0123456789abcdef"[(int)((value >> shift) & 0xF)]);
    }

    public static void WriteHexByte(byte value)
    {
        WriteChar("0123456789abcdef"[value >> 4]);
        WriteChar("0123456789abcdef"[value & 0xF]);
    }

    public static void WriteDecimal(long value)
    {
        if (value < 0)
        {
            WriteChar('-');
            value = -value;
        }
        Span<char> digits = stackalloc char[20];
        int n = 0;
        do
        {
            digits[n++] = (char)('0' + (int)(value % 10));
            value /= 10;
        } while (value != 0);
        while (n > 0)
            WriteChar(digits[--n]);
    }

    /// <summary>
    /// The program's standard error shares the kernel's channel, unprefixed, so the harness can tell
    /// the two apart by the "minnow: " prefix.
    /// </summary>
    public static void WriteProgramError(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            Emit(b);
            s_atLineStart = b == (byte)'\n';
        }
    }

    private static void WriteChar(char c)
    {
        if (s_atLineStart)
        {
            s_atLineStart = false;
            foreach (char p in "minnow: ")
                Emit((byte)p);
        }
        Emit(c < 0x80 ? (byte)c : (byte)'?');
        if (c == '\n')
            s_atLineStart = true;
    }

    private static void Emit(byte b)
    {
        if (s_debug.IsPresent)
            s_debug.Write(b);
        else
            s_serial.Write(b);
    }
}
