namespace Minnow.Qemu.Symbolization;

/// <summary>An FDE from .eh_frame: the code range [PcBegin, PcEnd) and the CFI program describing its frames.</summary>
public sealed record FrameDescriptionEntry(
    int Offset,
    CommonInformationEntry Cie,
    ulong PcBegin,
    ulong PcEnd,
    ReadOnlyMemory<byte> Instructions,
    ulong InstructionsAddress)
{
    public bool Contains(ulong pc) => pc >= PcBegin && pc < PcEnd;
}
