using Iced.Intel;
using Minnow.Build.Elf;

namespace Minnow.Build.Stubs;

/// <summary>
/// Assembles machine-code stubs with Iced into an ELF object. Stubs reach symbols outside their own
/// code (C# entry points, linker-script symbols) through 64-bit immediates that become R_X86_64_64
/// relocations: each reference is a unique placeholder constant that is found again after encoding.
/// </summary>
public sealed class StubObjectBuilder
{
    private const ulong PlaceholderTag = 0x7E5A_0000_0000_0000;
    private readonly ElfObjectWriter _writer = new();
    private readonly Dictionary<ulong, string> _placeholders = new();

    public StubObjectBuilder()
    {
        Text = _writer.AddSection(".text.minnow_stubs", ElfSectionKind.Code, 16);
        Data = _writer.AddSection(".data.minnow_stubs", ElfSectionKind.Data, 64);
        Bss = _writer.AddSection(".bss.minnow_stubs", ElfSectionKind.Bss, 4096);
    }

    public ElfSectionBuilder Text { get; }
    public ElfSectionBuilder Data { get; }
    public ElfSectionBuilder Bss { get; }

    public ElfSectionBuilder AddSection(string name, ElfSectionKind kind, ulong alignment) => _writer.AddSection(name, kind, alignment);

    /// <summary>A 64-bit immediate that the linker replaces by the address of <paramref name="symbol"/>.</summary>
    public ulong AddressOf(string symbol)
    {
        ulong placeholder = PlaceholderTag | ((ulong)_placeholders.Count << 8);
        _placeholders[placeholder] = symbol;
        return placeholder;
    }

    /// <summary>Assembles one 64-bit function into the stub text section under a global symbol.</summary>
    public void Function(string name, Action<Assembler> emit) => Function(Text, name, 64, 16, emit, baseAddress: null);

    /// <summary>
    /// Assembles one 64-bit function and also defines a global symbol at each label <paramref name="emit"/>
    /// returns: code addresses the runtime must recognise, such as the return address after a call.
    /// </summary>
    public void Function(string name, Func<Assembler, IReadOnlyDictionary<string, Label>> emit)
    {
        IReadOnlyDictionary<string, Label> labels = new Dictionary<string, Label>();
        var (offset, instructionOffsets) = Assemble(Text, name, 64, 16, a => labels = emit(a), baseAddress: null);
        foreach (var (symbol, label) in labels)
        {
            if (label.IsEmpty || label.InstructionIndex < 0 || label.InstructionIndex >= instructionOffsets.Length)
                throw new InvalidOperationException($"stub {name}: label {symbol} is not bound to an instruction");
            Text.Define(symbol, offset + instructionOffsets[label.InstructionIndex], 0, ElfConstants.SymbolNoType);
        }
    }

    /// <summary>
    /// Assembles code into <paramref name="section"/>. <paramref name="baseAddress"/> is the address the
    /// section is linked at when the code is position-dependent (the 32-bit boot code), else null.
    /// </summary>
    public ulong Function(ElfSectionBuilder section, string name, int bitness, ulong alignment, Action<Assembler> emit, ulong? baseAddress) =>
        Assemble(section, name, bitness, alignment, emit, baseAddress).Offset;

    /// <summary>Assembles, defines the function symbol, records relocations; returns the offset and each instruction's offset.</summary>
    private (ulong Offset, uint[] InstructionOffsets) Assemble(ElfSectionBuilder section, string name, int bitness, ulong alignment, Action<Assembler> emit, ulong? baseAddress)
    {
        var assembler = new Assembler(bitness);
        emit(assembler);
        ulong offset = section.Align(alignment);
        ulong rip = (baseAddress ?? 0) + offset;
        var writer = new ByteListWriter();
        var result = assembler.Assemble(writer, rip, BlockEncoderOptions.ReturnNewInstructionOffsets | BlockEncoderOptions.ReturnConstantOffsets);
        section.Append(writer.Bytes.ToArray());
        section.Define(name, offset, (ulong)writer.Bytes.Count, ElfConstants.SymbolFunc);

        var block = result.Result[0];
        for (int i = 0; i < assembler.Instructions.Count; i++)
        {
            var instruction = assembler.Instructions[i];
            if (instruction.Code != Code.Mov_r64_imm64 || !_placeholders.TryGetValue(instruction.Immediate64, out var symbol))
                continue;
            var constants = block.ConstantOffsets[i];
            if (!constants.HasImmediate || constants.ImmediateSize != 8)
                throw new InvalidOperationException($"stub {name}: symbol reference to {symbol} was not encoded as imm64");
            ulong at = offset + block.NewInstructionOffsets[i] + constants.ImmediateOffset;
            section.Relocate(at, symbol, ElfConstants.RelocAbs64, 0);
        }
        return (offset, block.NewInstructionOffsets);
    }

    /// <summary>Reserves zeroed, aligned storage in .bss under a global symbol and returns its offset.</summary>
    public ulong BssObject(string name, ulong size, ulong alignment)
    {
        ulong offset = Bss.Align(alignment);
        Bss.Reserve(size);
        Bss.Define(name, offset, size, ElfConstants.SymbolObject);
        return offset;
    }

    /// <summary>Defines an initialised data object.</summary>
    public void DataObject(string name, ReadOnlySpan<byte> bytes, ulong alignment)
    {
        ulong offset = Data.Align(alignment);
        Data.Append(bytes);
        Data.Define(name, offset, (ulong)bytes.Length, ElfConstants.SymbolObject);
    }

    public byte[] Build() => _writer.Write();

    private sealed class ByteListWriter : CodeWriter
    {
        public List<byte> Bytes { get; } = new();
        public override void WriteByte(byte value) => Bytes.Add(value);
    }
}
