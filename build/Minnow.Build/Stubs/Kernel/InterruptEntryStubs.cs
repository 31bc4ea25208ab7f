using Iced.Intel;
using Minnow.Build.Elf;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// One entry per interrupt vector. Each builds the frame that Minnow.Kernel's <c>InterruptFrame</c>
/// describes (general registers, vector, error code, then the CPU's own frame), saves the vector
/// state, and calls <see cref="HandlerSymbol"/>(frame*). The handler may edit the frame: iretq resumes
/// from it. A timer interrupt may switch threads inside the handler, so the saved vector state must be
/// complete: with AVX on, fxsave would lose the YMM upper halves of the preempted thread. The kernel
/// stores the XSAVE area size for the enabled XCR0 features in <see cref="ExtendedStateSizeSymbol"/>
/// (kernel/Minnow.Kernel/Cpu/ExtendedState.cs); while it is 0 (no OSXSAVE) the stub uses fxsave.
/// </summary>
public static class InterruptEntryStubs
{
    public const string HandlerSymbol = "MinnowInterrupt";
    public const string TableSymbol = "minnow_interrupt_entries";
    public const int VectorCount = 48;
    public const string ExtendedStateSizeSymbol = "minnow_extended_state_size";
    private const int LegacyAreaSize = 512;
    private const int XsaveHeaderSize = 64;

    // Vectors for which the CPU pushes an error code.
    private static readonly HashSet<int> s_withErrorCode = new() { 8, 10, 11, 12, 13, 14, 17, 21, 29, 30 };

    public static void Emit(StubObjectBuilder s)
    {
        s.DataObject(ExtendedStateSizeSymbol, new byte[8], 8);
        s.Function("minnow_extended_state_size_slot", a => { a.mov(rax, s.AddressOf(ExtendedStateSizeSymbol)); a.ret(); });
        for (int vector = 0; vector < VectorCount; vector++)
        {
            int v = vector;
            s.Function($"minnow_interrupt_entry_{v}", a => EmitEntry(a, s, v));
        }
        ulong table = s.Data.Align(8);
        for (int vector = 0; vector < VectorCount; vector++)
        {
            ulong at = s.Data.Reserve(8);
            s.Data.Relocate(at, $"minnow_interrupt_entry_{vector}", ElfConstants.RelocAbs64, 0);
        }
        s.Data.Define(TableSymbol, table, VectorCount * 8, ElfConstants.SymbolObject);
    }

    private static void EmitEntry(Assembler a, StubObjectBuilder s, int vector)
    {
        if (!s_withErrorCode.Contains(vector))
            a.push(0);
        a.push(vector);
        foreach (var r in new[] { rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15 })
            a.push(r);
        a.cld();
        a.mov(rbp, rsp);
        var legacy = a.CreateLabel();
        var restored = a.CreateLabel();
        a.mov(rax, s.AddressOf(ExtendedStateSizeSymbol));
        a.mov(rcx, __qword_ptr[rax]);
        a.test(rcx, rcx);
        a.jz(legacy);

        // XSAVE needs a 64-byte aligned area whose header XRSTOR accepts: zero it first, because
        // XSAVE writes only the XSTATE_BV word of it. edx:eax = all ones saves every enabled feature.
        a.sub(rsp, rcx);
        a.and(rsp, -64);
        a.xor(eax, eax);
        for (int offset = 0; offset < XsaveHeaderSize; offset += 8)
            a.mov(__qword_ptr[rsp + LegacyAreaSize + offset], rax);
        a.mov(eax, -1);
        a.mov(edx, -1);
        a.xsave64(__[rsp]);
        CallHandler(a, s);
        a.mov(eax, -1);
        a.mov(edx, -1);
        a.xrstor64(__[rsp]);
        a.jmp(restored);

        a.Label(ref legacy);
        a.sub(rsp, LegacyAreaSize);
        a.and(rsp, -16);
        a.fxsave64(__[rsp]);
        CallHandler(a, s);
        a.fxrstor64(__[rsp]);

        a.Label(ref restored);
        a.mov(rsp, rbp);
        foreach (var r in new[] { r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax })
            a.pop(r);
        a.add(rsp, 16);
        a.iretq();
    }

    private static void CallHandler(Iced.Intel.Assembler a, StubObjectBuilder s)
    {
        a.mov(rdi, rbp);
        a.mov(rax, s.AddressOf(HandlerSymbol));
        a.call(rax);
    }
}
