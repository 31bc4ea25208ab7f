using Iced.Intel;

namespace Minnow.Build.Tests;

/// <summary>Decodes stub machine code with Iced and formats it in Intel syntax ("mov rcx,[rsi]").</summary>
internal static class Disassembly
{
    public static List<Instruction> Decode(byte[] code, int bitness = 64, ulong address = 0)
    {
        var decoder = Decoder.Create(bitness, new ByteArrayCodeReader(code), address);
        var instructions = new List<Instruction>();
        while (decoder.IP < address + (ulong)code.Length)
        {
            decoder.Decode(out var instruction);
            if (instruction.IsInvalid)
                throw new InvalidOperationException($"invalid instruction at 0x{instruction.IP:x}");
            instructions.Add(instruction);
        }
        return instructions;
    }

    public static List<string> Format(IEnumerable<Instruction> instructions)
    {
        var formatter = new IntelFormatter();
        var output = new StringOutput();
        var lines = new List<string>();
        foreach (var instruction in instructions)
        {
            formatter.Format(instruction, output);
            lines.Add(output.ToStringAndReset());
        }
        return lines;
    }

    public static List<string> Function(string name) => Format(Decode(StubObject.BytesOf(name)));
}
