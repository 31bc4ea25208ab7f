using Iced.Intel;

namespace Minnow.Qemu.Symbolization;

/// <summary>Decodes one x86-64 instruction with Iced, naming branch targets and addresses after the image's symbols.</summary>
internal static class InstructionDisassembler
{
    public static bool TryDisassemble(IReadOnlyList<byte> bytes, ulong address, SymbolTable symbols, bool fromImage, out DisassembledInstruction? result)
    {
        result = null;
        if (bytes.Count == 0)
            return false;
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(bytes.ToArray()), address);
        decoder.Decode(out Instruction instruction);
        if (instruction.IsInvalid)
            return false; // not an instruction, or cut off by the end of the bytes
        var formatter = new IntelFormatter(new SymbolResolver(symbols));
        var output = new StringOutput();
        formatter.Format(instruction, output);
        result = new DisassembledInstruction(address, output.ToStringAndReset(), bytes.Take(instruction.Length).ToArray(), fromImage);
        return true;
    }

    private sealed class SymbolResolver(SymbolTable symbols) : ISymbolResolver
    {
        public bool TryGetSymbol(in Instruction instruction, int operand, int instructionOperand, ulong address, int addressSize, out SymbolResult symbol)
        {
            // Small values are displacements and immediates, not addresses worth naming.
            if (address >= 0x1000 && symbols.TryLookup(address, out SymbolLookup lookup))
            {
                symbol = new SymbolResult(lookup.Symbol.Value, lookup.Symbol.Name);
                return true;
            }
            symbol = default;
            return false;
        }
    }
}
