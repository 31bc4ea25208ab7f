using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// Helpers ilc calls around native code and in prologs. With one CPU and no preemptive GC suspension
/// the P/Invoke transitions and GC polls have nothing to record beyond filling their frames; as
/// machine code they preserve every argument and callee-saved register, whatever the JIT assumes. The stack probe is real: it
/// touches each page of a large frame so an overflow hits the guard page instead of skipping it.
/// </summary>
public static class TransitionStubs
{
    private const int PInvokeFrameSavesRsp = 0x8000;

    public static void Emit(StubObjectBuilder s)
    {
        foreach (var name in new[] { "RhpPInvokeReturn", "RhpReversePInvokeReturn", "RhpGcPoll" })
            s.Function(name, a => a.ret());

        // The transition frames live in the caller's stack frame and nothing else writes them. Filling
        // them as the stock helpers do (rdi = frame) keeps stale references from earlier calls out of
        // them, which the conservative stack scan would otherwise treat as roots.
        // PInvokeTransitionFrame: +0 return address, +8 rbp, +0x10 Thread* (none), +0x18 flags, +0x20 caller rsp.
        s.Function("RhpPInvoke", a =>
        {
            a.mov(r11, __[rsp]);
            a.mov(__[rdi], r11);
            a.mov(__[rdi + 8], rbp);
            a.mov(__qword_ptr[rdi + 0x10], 0);
            a.mov(__qword_ptr[rdi + 0x18], PInvokeFrameSavesRsp);
            a.lea(r11, __[rsp + 8]);
            a.mov(__[rdi + 0x20], r11);
            // rax still holds the caller's last call result (often a dead reference) and the callee's
            // prologue may push it for alignment: clear the scratch registers that carry no argument.
            a.xor(eax, eax);
            a.xor(r10d, r10d);
            a.xor(r11d, r11d);
            a.ret();
        });
        // ReversePInvokeFrame: +0 previous transition frame, +8 Thread* (neither exists yet).
        s.Function("RhpReversePInvoke", a =>
        {
            a.mov(__qword_ptr[rdi], 0);
            a.mov(__qword_ptr[rdi + 8], 0);
            a.ret();
        });

        // r11 = lowest address of the frame being allocated; rax is scratch.
        s.Function("RhpStackProbe", a =>
        {
            var probe = a.CreateLabel();
            a.mov(rax, rsp);
            a.and(rax, -4096);
            a.Label(ref probe);
            a.sub(rax, 4096);
            a.test(__dword_ptr[rax], eax);
            a.cmp(rax, r11);
            a.jg(probe);
            a.ret();
        });

        // Read by ilc's inline GC-poll checks: non-zero would ask threads to stop at a safe point.
        s.DataObject("RhpTrapThreads", new byte[4], 4);
        // The /GS cookie for frames with stackalloc; a fixed odd pattern, never zero.
        s.DataObject("__security_cookie", BitConverter.GetBytes(0x2B992DDFA232UL), 8);
    }
}
