using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// Privileged x86 instructions that C# cannot express, as tiny functions the kernel calls through
/// direct P/Invokes (SysV: arguments in rdi, rsi; result in rax). Minnow.Kernel's <c>Cpu</c> class
/// declares each one; the names here and there must match.
/// </summary>
public static class CpuInstructionStubs
{
    public static void Emit(StubObjectBuilder s)
    {
        s.Function("minnow_inb", a => { a.mov(edx, edi); a.xor(eax, eax); a.@in(al, dx); a.ret(); });
        s.Function("minnow_inw", a => { a.mov(edx, edi); a.xor(eax, eax); a.@in(ax, dx); a.ret(); });
        s.Function("minnow_inl", a => { a.mov(edx, edi); a.@in(eax, dx); a.ret(); });
        s.Function("minnow_outb", a => { a.mov(edx, edi); a.mov(eax, esi); a.@out(dx, al); a.ret(); });
        s.Function("minnow_outw", a => { a.mov(edx, edi); a.mov(eax, esi); a.@out(dx, ax); a.ret(); });
        s.Function("minnow_outl", a => { a.mov(edx, edi); a.mov(eax, esi); a.@out(dx, eax); a.ret(); });

        s.Function("minnow_read_cr0", a => { a.mov(rax, cr0); a.ret(); });
        s.Function("minnow_read_cr2", a => { a.mov(rax, cr2); a.ret(); });
        s.Function("minnow_read_cr3", a => { a.mov(rax, cr3); a.ret(); });
        s.Function("minnow_read_cr4", a => { a.mov(rax, cr4); a.ret(); });
        s.Function("minnow_write_cr0", a => { a.mov(cr0, rdi); a.ret(); });
        s.Function("minnow_write_cr3", a => { a.mov(cr3, rdi); a.ret(); });
        s.Function("minnow_write_cr4", a => { a.mov(cr4, rdi); a.ret(); });
        s.Function("minnow_invlpg", a => { a.invlpg(__[rdi]); a.ret(); });

        s.Function("minnow_rdmsr", a => { a.mov(ecx, edi); a.rdmsr(); a.shl(rdx, 32); a.or(rax, rdx); a.ret(); });
        s.Function("minnow_wrmsr", a => { a.mov(ecx, edi); a.mov(eax, esi); a.mov(rdx, rsi); a.shr(rdx, 32); a.wrmsr(); a.ret(); });
        s.Function("minnow_xsetbv", a => { a.mov(ecx, edi); a.mov(eax, esi); a.mov(rdx, rsi); a.shr(rdx, 32); a.xsetbv(); a.ret(); });
        s.Function("minnow_rdtsc", a => { a.rdtsc(); a.shl(rdx, 32); a.or(rax, rdx); a.ret(); });
        // rdi = where the 64 random bits go; returns 1 when the CPU had them (CF), else 0.
        s.Function("minnow_rdrand", a => { a.rdrand(rax); a.setc(cl); a.mov(__qword_ptr[rdi], rax); a.movzx(eax, cl); a.ret(); });
        s.Function("minnow_read_rflags", a => { a.pushfq(); a.pop(rax); a.ret(); });

        s.Function("minnow_lgdt", a => { a.lgdt(__[rdi]); a.ret(); });
        s.Function("minnow_lidt", a => { a.lidt(__[rdi]); a.ret(); });
        s.Function("minnow_ltr", a => { a.ltr(di); a.ret(); });
        // Reload CS with a far return, then the data segments (rdi = code selector, rsi = data selector).
        s.Function("minnow_load_segments", a =>
        {
            var reloaded = a.CreateLabel();
            a.push(rdi);
            a.lea(rax, __[reloaded]);
            a.push(rax);
            a.AddInstruction(Instruction.Create(Code.Retfq));
            a.Label(ref reloaded);
            a.mov(ds, si);
            a.mov(es, si);
            a.mov(ss, si);
            a.ret();
        });

        s.Function("minnow_disable_interrupts", a => { a.cli(); a.ret(); });
        s.Function("minnow_enable_interrupts", a => { a.sti(); a.ret(); });
        // Returns RFLAGS as it was, then clears IF: the start of a critical section on one CPU.
        s.Function("minnow_save_flags_disable_interrupts", a => { a.pushfq(); a.pop(rax); a.cli(); a.ret(); });
        // Ends it: sets IF again only if the saved RFLAGS (rdi) had it; no other flag is touched.
        s.Function("minnow_restore_interrupts", a =>
        {
            var done = a.CreateLabel();
            a.test(edi, 0x200);
            a.jz(done);
            a.sti();
            a.Label(ref done);
            a.ret();
        });
        // sti takes effect after the next instruction, so no interrupt can slip in between it and hlt.
        s.Function("minnow_wait_for_interrupt", a => { a.sti(); a.hlt(); a.ret(); });
        s.Function("minnow_halt_forever", a =>
        {
            var again = a.CreateLabel();
            a.Label(ref again);
            a.cli();
            a.hlt();
            a.jmp(again);
        });
    }
}
