namespace Minnow.Runtime.Unwinding;

/// <summary>
/// What the stack walker knows about the code a frame is executing: where its CFA instructions are
/// (for unwinding) and ilc's unwind block (main body or funclet, EH clauses, reverse P/Invoke). Kept
/// inside CoreLib's StackFrameIterator, so it is small and holds no pointers into the iterator itself.
/// </summary>
internal struct MethodInfo
{
    /// <summary>The FDE's CIE and CFA instructions, as offsets into .eh_frame.</summary>
    public int CieOffset;
    public int InstructionsOffset;
    public int InstructionsLength;
    public byte Flags;
    public byte MainFlags;
    /// <summary>Start of this FDE's code: the main body or one funclet.</summary>
    public ulong CodeStart;
    public ulong MainStart;
    public ulong EhInfo;

    public readonly bool IsValid => MainStart != 0;
    public readonly bool IsFunclet => (Flags & UnwindBlock.KindMask) != UnwindBlock.KindMain;
    public readonly bool IsReversePInvoke => !IsFunclet && (Flags & UnwindBlock.ReversePInvoke) != 0;
    public readonly bool ReportsFramePointer => (Flags & (UnwindBlock.KindMask | UnwindBlock.HasEhInfo)) != 0;
}
