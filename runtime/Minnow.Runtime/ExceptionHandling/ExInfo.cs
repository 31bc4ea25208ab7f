using System.Runtime.InteropServices;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// One exception in flight (CoreLib's EH.ExInfo, NativeAOT 10.0.12 amd64 Unix, 0x190 bytes). A throw
/// stub builds it on the stack below the thrower's context and links it into the thread's chain;
/// CoreLib's dispatcher fills in the rest. The exception field is an object reference: a collector
/// must report it (for superseded ExInfos too).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x190)]
internal unsafe struct ExInfo
{
    public const byte KindMask = 3;
    public const byte KindHardwareFault = 2;
    public const byte SupersededFlag = 8;
    public const uint NoClause = 0xFFFF_FFFF;

    [FieldOffset(0x00)] public ExInfo* Previous;
    [FieldOffset(0x08)] public PalLimitedContext* Context;
    [FieldOffset(0x10)] public nint Exception;
    [FieldOffset(0x18)] public byte Kind;
    [FieldOffset(0x19)] public byte PassNumber;
    [FieldOffset(0x1C)] public uint CurrentClause;
    [FieldOffset(0x20)] public StackFrameIterator FrameIterator;
    [FieldOffset(0x188)] public nuint NotifyDebuggerSP;
}
