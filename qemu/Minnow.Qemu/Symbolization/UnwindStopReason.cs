namespace Minnow.Qemu.Symbolization;

/// <summary>Why <see cref="EhFrameUnwinder"/> produced no further frame.</summary>
public enum UnwindStopReason
{
    /// <summary>The CFI marks the return address undefined (an entry point such as _start), or it is 0.</summary>
    OutermostFrame,
    FrameLimitReached,
    /// <summary>No FDE covers the frame's address: hand-written code without CFI, or an address outside the image.</summary>
    NoFrameDescription,
    /// <summary>A saved return address lies outside the memory the reader has (the end of the dumped stack).</summary>
    MemoryReadFailed,
    /// <summary>The CFA is based on a register whose value is not known in this frame.</summary>
    UnknownRegister,
    /// <summary>The CFA or the return address is given by a DWARF expression, which is not evaluated.</summary>
    UnsupportedRule,
    InvalidCallFrameInformation,
    /// <summary>The computed frame does not move up the stack: corrupt stack or wrong CFI.</summary>
    InvalidFrame,
}
