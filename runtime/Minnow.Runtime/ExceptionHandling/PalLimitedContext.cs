using System.Runtime.InteropServices;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// The context a throw stub records for the throwing frame (NativeAOT 10.0.12 amd64 Unix layout,
/// 0x50 bytes; CoreLib reads IP). Built by the stubs in build/Minnow.Build/Stubs/Runtime/LimitedContext.cs.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x50)]
internal struct PalLimitedContext
{
    [FieldOffset(0x00)] public ulong IP;
    [FieldOffset(0x08)] public ulong Rsp;
    [FieldOffset(0x10)] public ulong Rbp;
    [FieldOffset(0x18)] public ulong Rax;
    [FieldOffset(0x20)] public ulong Rbx;
    [FieldOffset(0x28)] public ulong Rdx;
    [FieldOffset(0x30)] public ulong R12;
    [FieldOffset(0x38)] public ulong R13;
    [FieldOffset(0x40)] public ulong R14;
    [FieldOffset(0x48)] public ulong R15;
}
