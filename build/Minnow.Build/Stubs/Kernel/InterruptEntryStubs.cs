using Iced.Intel;
using Minnow.Build.Elf;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// One entry per interrupt vector. Each builds the frame that Minnow.Kernel's <c>InterruptFrame</c>
/// describes (general registers, vector, error code, then the CPU's own frame), saves the SSE state,
/// and calls <see cref="HandlerSymbol"/>(frame*). The handler may edit the frame: iretq resumes from it.
/// </summary>
public static class InterruptEntryStubs
{
    public const string HandlerSymbol = "MinnowInterrupt";
    public const string TableSymbol = "minnow_interrupt_entries";
    public const int VectorCount = 48;

    // Vectors for which the CPU pushes an error code.
    private static readonly HashSet<int> s_withErrorCode = new() { 8, 10, 11, 12, 13, 14, 17, 21, 29, 30 };

    public static void Emit(StubObjectBuilder s)
    {
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
        a.sub(rsp, 512);
        a.and(rsp, -16);
        a.fxsave64(__[rsp]);
        a.mov(rdi, rbp);
        a.mov(rax, s.AddressOf(HandlerSymbol));
        a.call(rax);
        a.fxrstor64(__[rsp]);
        a.mov(rsp, rbp);
        foreach (var r in new[] { r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax })
            a.pop(r);
        a.add(rsp, 16);
        a.iretq();
    }
}
