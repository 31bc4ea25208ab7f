namespace Minnow.Qemu.Symbolization;

/// <summary>
/// One frame of an unwound stack. In frame 0, Rip is where execution stopped; in caller frames it is
/// a return address, which points after the call, so <see cref="LookupAddress"/> (Rip - 1) is the
/// address to symbolize: it stays inside the caller even when the call was the function's last instruction.
/// </summary>
public sealed record UnwoundFrame(int Index, X64RegisterSet Registers, bool IsCallerFrame)
{
    public ulong Rip => Registers.Rip;

    public ulong Rsp => Registers.Rsp;

    public ulong LookupAddress => IsCallerFrame ? Rip - 1 : Rip;
}
