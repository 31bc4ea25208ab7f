using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The collector's entry into its mark phase (runtime/Minnow.Runtime/Collection/CollectorStubs.cs
/// declares it), and the finalizer thread's entry point. The conservative stack scan must see every reference the interrupted managed frames
/// hold, including those still in callee-saved registers, so the stub pushes rbx, rbp and r12-r15
/// and passes the resulting rsp as the lowest address to scan. It also zeroes the stack just below
/// that point before calling in: the collector's frames then start on clean memory, and stale
/// references left there by returned calls cannot keep dead objects alive through its uninitialised
/// slots.
/// </summary>
public static class CollectorStubs
{
    /// <summary>Bytes zeroed below the spilled registers: more than the collector's frames use.</summary>
    public const int ScrubBytes = 8 * 1024;

    public static void Emit(StubObjectBuilder s)
    {
        // minnow_gc_call_with_registers_spilled(rdi = void (*callback)(nuint stackLow))
        s.Function("minnow_gc_call_with_registers_spilled", a =>
        {
            a.push(rbx);
            a.push(rbp);
            a.push(r12);
            a.push(r13);
            a.push(r14);
            a.push(r15);
            a.sub(rsp, 8);                    // 6 pushes after the return address: realign to 16
            a.mov(r11, rdi);
            a.lea(rdi, __[rsp - ScrubBytes]);
            a.mov(ecx, ScrubBytes / 8);
            a.xor(eax, eax);
            a.rep.stosq();
            a.mov(rdi, rsp);
            a.call(r11);
            a.add(rsp, 8);
            a.pop(r15);
            a.pop(r14);
            a.pop(r13);
            a.pop(r12);
            a.pop(rbp);
            a.pop(rbx);
            a.ret();
        });

        // The address of CoreLib's finalizer loop (an UnmanagedCallersOnly export) for the finalizer thread.
        s.Function("minnow_process_finalizers_entry", a => { a.mov(rax, s.AddressOf("ProcessFinalizers")); a.ret(); });
    }
}
