using System.Runtime.InteropServices;

namespace Minnow.Kernel.Interrupts;

/// <summary>
/// What the interrupt entry stubs push (build/Minnow.Build/Stubs/Kernel/InterruptEntryStubs.cs),
/// lowest address first, followed by the frame the CPU pushed. A handler may edit it: iretq resumes from it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct InterruptFrame
{
    public ulong R15, R14, R13, R12, R11, R10, R9, R8;
    public ulong Rbp, Rdi, Rsi, Rdx, Rcx, Rbx, Rax;
    public ulong Vector, ErrorCode;
    public ulong Rip, Cs, Rflags, Rsp, Ss;
}
