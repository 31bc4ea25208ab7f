namespace Minnow.Qemu.Symbolization;

/// <summary>
/// A panic report with everything the image could tell about it: frame 0 is rip, then the frames
/// unwound through .eh_frame, then (when unwinding stopped early) frames found by scanning the stack.
/// </summary>
public sealed record SymbolizedPanic(
    PanicReport Report,
    DisassembledInstruction? FaultingInstruction,
    IReadOnlyList<SymbolizedFrame> Frames,
    UnwindStopReason? UnwindStopReason,
    string UnwindStopDetail,
    IReadOnlyList<string> Notes)
{
    public SymbolizedFrame? RipFrame => Frames.Count > 0 && !Frames[0].IsScanned ? Frames[0] : null;
}
