using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// Helpers ilc calls around native code and in prologs. With one CPU and no preemptive GC suspension
/// the P/Invoke transitions and GC polls have nothing to record, so they return at once; as machine
/// code they also preserve every register, whatever the JIT assumes. The stack probe is real: it
/// touches each page of a large frame so an overflow hits the guard page instead of skipping it.
/// </summary>
public static class TransitionStubs
{
    public static void Emit(StubObjectBuilder s)
    {
        foreach (var name in new[] { "RhpPInvoke", "RhpPInvokeReturn", "RhpReversePInvoke", "RhpReversePInvokeReturn", "RhpGcPoll" })
            s.Function(name, a => a.ret());

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
