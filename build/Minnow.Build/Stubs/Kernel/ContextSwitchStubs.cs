using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// Switching the CPU from one kernel thread to another (kernel/Minnow.Kernel/Threading/ContextSwitch.cs
/// declares both functions and builds a new thread's first frame to match this layout).
/// A switch is an ordinary call, so only what the SysV ABI makes callee-saved must survive it: rbx,
/// rbp, r12-r15, MXCSR and the x87 control word. Everything else (rax, vector registers, YMM upper
/// halves) is either dead at the call or, for a preempted thread, already saved by its interrupt
/// entry stub further up the same stack.
/// </summary>
public static class ContextSwitchStubs
{
    public const string SwitchSymbol = "minnow_switch_context";
    public const string TrampolineSymbol = "minnow_thread_trampoline";
    public const string ThreadStartSymbol = "MinnowThreadStart";

    private const uint FsBaseMsr = 0xC000_0100;

    /// <summary>
    /// The switch frame (<see cref="FrameSize"/> bytes), from the saved stack pointer upwards: MXCSR (4 bytes) and x87 control word
    /// (2 bytes, then 2 of padding) at +0, r15 +8, r14 +16, r13 +24, r12 +32, rbx +40, rbp +48, the
    /// return address +56. 64 bytes in all.
    /// </summary>
    public const int FrameSize = 64;

    public static void Emit(StubObjectBuilder s)
    {
        // switch(ulong* saveStackPointer = rdi, ulong newStackPointer = rsi, ulong newFsBase = rdx)
        s.Function(SwitchSymbol, a =>
        {
            a.push(rbp);
            a.push(rbx);
            a.push(r12);
            a.push(r13);
            a.push(r14);
            a.push(r15);
            a.sub(rsp, 8);
            a.stmxcsr(__dword_ptr[rsp]);
            a.fnstcw(__word_ptr[rsp + 4]);
            a.mov(__qword_ptr[rdi], rsp);

            a.mov(rsp, rsi);
            a.mov(ecx, FsBaseMsr);
            a.mov(eax, edx);
            a.shr(rdx, 32);
            a.wrmsr();

            a.fldcw(__word_ptr[rsp + 4]);
            a.ldmxcsr(__dword_ptr[rsp]);
            a.add(rsp, 8);
            a.pop(r15);
            a.pop(r14);
            a.pop(r13);
            a.pop(r12);
            a.pop(rbx);
            a.pop(rbp);
            a.ret();
        });

        // Where a new thread's first switch returns to: a zero frame pointer ends frame chains, the
        // stack is realigned for a call, and the kernel's thread start never returns.
        s.Function(TrampolineSymbol, a =>
        {
            a.xor(ebp, ebp);
            a.and(rsp, -16);
            a.mov(rax, s.AddressOf(ThreadStartSymbol));
            a.call(rax);
            a.ud2();
        });
        s.Function(TrampolineSymbol + "_address", a => { a.mov(rax, s.AddressOf(TrampolineSymbol)); a.ret(); });
    }
}
