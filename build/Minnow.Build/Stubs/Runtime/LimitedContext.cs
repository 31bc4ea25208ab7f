using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// Builds a PAL_LIMITED_CONTEXT on the stack by pushes, highest field first, so that it ends at rsp
/// with IP at +0 (layout in <see cref="ExceptionLayout"/>). The callee-saved registers are captured
/// as they are; rax and rdx, which no caller relies on, are recorded as zero.
/// </summary>
internal static class LimitedContext
{
    /// <summary>Ten pushes: the stack alignment is unchanged.</summary>
    public static void Push(Assembler a, AssemblerRegister64 ip, AssemblerRegister64 sp)
    {
        a.push(r15);
        a.push(r14);
        a.push(r13);
        a.push(r12);
        a.push(0);      // rdx
        a.push(rbx);
        a.push(0);      // rax
        a.push(rbp);
        a.push(sp);
        a.push(ip);
    }
}
