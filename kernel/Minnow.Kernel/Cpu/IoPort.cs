namespace Minnow.Kernel.Cpu;

/// <summary>An x86 I/O port: the only way kernel code outside <see cref="CpuInstructions"/> touches ports.</summary>
public readonly struct IoPort(ushort port)
{
    public ushort Number { get; } = port;

    public byte ReadByte() => CpuInstructions.InByte(Number);
    public ushort ReadWord() => CpuInstructions.InWord(Number);
    public uint ReadDword() => CpuInstructions.InDword(Number);
    public void Write(byte value) => CpuInstructions.OutByte(Number, value);
    public void Write(ushort value) => CpuInstructions.OutWord(Number, value);
    public void Write(uint value) => CpuInstructions.OutDword(Number, value);

    public IoPort Offset(ushort delta) => new((ushort)(Number + delta));
}
