namespace Minnow.Qemu.Symbolization;

/// <summary>
/// A CIE from .eh_frame: what its FDEs share (alignment factors, return address column, pointer
/// encodings from the "z..." augmentation) and the instructions that set up every row's initial state.
/// </summary>
public sealed record CommonInformationEntry(
    int Offset,
    byte Version,
    string Augmentation,
    ulong CodeAlignmentFactor,
    long DataAlignmentFactor,
    int ReturnAddressRegister,
    byte PointerEncoding,
    byte LsdaEncoding,
    bool IsSignalFrame,
    ReadOnlyMemory<byte> InitialInstructions,
    ulong InitialInstructionsAddress)
{
    public bool HasAugmentationData => Augmentation.StartsWith('z');
}
