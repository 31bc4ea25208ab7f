using System.Globalization;

namespace Minnow.Qemu.Tests;

/// <summary>One line of a *.gdb-frames.txt fixture: gdb's view of a frame, the unwinder's reference answer.</summary>
internal sealed record GdbFrame(int Index, ulong Pc, ulong Sp, string Function, IReadOnlyDictionary<string, ulong?> CalleeSaved)
{
    public static GdbFrame Parse(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var registers = new Dictionary<string, ulong?>();
        foreach (string part in parts.Skip(4))
        {
            string[] pair = part.Split('=');
            registers[pair[0]] = pair[1] == "?" ? null : Hex(pair[1]);
        }
        return new GdbFrame(int.Parse(parts[0], CultureInfo.InvariantCulture), Hex(parts[1]), Hex(parts[2]), parts[3], registers);
    }

    private static ulong Hex(string text) => ulong.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
