namespace Minnow.Qemu.Symbolization;

/// <summary>The faulting instruction: Intel-syntax text, its bytes, and whether they came from the ELF rather than the report.</summary>
public sealed record DisassembledInstruction(ulong Address, string Text, IReadOnlyList<byte> Bytes, bool FromImage);
