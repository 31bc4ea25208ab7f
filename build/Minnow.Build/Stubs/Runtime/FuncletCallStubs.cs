using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// RhpCallCatchFunclet, RhpCallFilterFunclet and RhpCallFinallyFunclet: CoreLib's dispatcher runs a
/// method's handlers through these, on the dispatcher's (deeper) stack but with the handling frame's
/// callee-saved registers, which the REGDISPLAY the dispatcher passes points at (funclets reach the
/// parent's locals through rbp). Each pushes r15, r14, r13, r12, rbx, rbp, then reserves locals
/// (catch 7 slots, finally 3, filter 1): Minnow.Runtime's stack-frame iterator unwinds through these
/// frames by that fixed shape, recognising them by the return address after the funclet call.
/// </summary>
public static class FuncletCallStubs
{
    public const string CatchReturnLabel = "RhpCallCatchFunclet2";
    public const string FinallyReturnLabel = "RhpCallFinallyFunclet2";
    public const string FilterReturnLabel = "RhpCallFilterFunclet2";
    public const string AllowGc = "MinnowFuncletAllowGc";
    public const string ForbidGc = "MinnowFuncletForbidGc";
    public const string PopExInfos = "MinnowExInfoPopAfterCatch";

    private static readonly (AssemblerRegister64 Register, int Slot)[] s_calleeSaved =
    {
        (rbx, ExceptionLayout.RegDisplayRbx), (rbp, ExceptionLayout.RegDisplayRbp),
        (r12, ExceptionLayout.RegDisplayR12), (r13, ExceptionLayout.RegDisplayR13),
        (r14, ExceptionLayout.RegDisplayR14), (r15, ExceptionLayout.RegDisplayR15),
    };

    public static void Emit(StubObjectBuilder s)
    {
        // (rdi = exception, rsi = handler, rdx = REGDISPLAY*, rcx = ExInfo*): never returns. The catch
        // funclet returns the address to resume at in its parent; the ExInfos of the exceptions it
        // handled are unlinked, then execution continues there on the parent's stack.
        s.Function("RhpCallCatchFunclet", a =>
        {
            PushCalleeSaved(a);
            a.sub(rsp, 0x38);
            a.mov(__qword_ptr[rsp + 0x10], rdi);
            a.mov(__qword_ptr[rsp + 0x18], rsi);
            a.mov(__qword_ptr[rsp + 0x20], rdx);
            a.mov(__qword_ptr[rsp + 0x28], rcx);
            CallRuntime(a, s, AllowGc);
            a.mov(rdx, __qword_ptr[rsp + 0x20]);
            LoadCalleeSaved(a, rdx);
            a.mov(rdi, __qword_ptr[rsp + 0x10]);
            a.mov(rax, __qword_ptr[rsp + 0x18]);
            a.call(rax);
            var returnAddress = a.CreateLabel();
            a.Label(ref returnAddress);
            // The funclet preserved the parent's callee-saved registers; so does the runtime call.
            a.mov(__qword_ptr[rsp + 0x18], rax);
            a.mov(rdx, __qword_ptr[rsp + 0x20]);
            a.mov(rdi, __qword_ptr[rsp + 0x28]);
            a.mov(rsi, __qword_ptr[rdx + ExceptionLayout.RegDisplaySp]);
            CallRuntime(a, s, PopExInfos);
            a.mov(rdx, __qword_ptr[rsp + 0x20]);
            a.mov(rax, __qword_ptr[rsp + 0x18]);
            a.mov(rsp, __qword_ptr[rdx + ExceptionLayout.RegDisplaySp]);
            a.jmp(rax);
            return new Dictionary<string, Label> { [CatchReturnLabel] = returnAddress };
        });

        // (rdi = handler, rsi = REGDISPLAY*). The funclet may change the parent's callee-saved
        // registers (they are its locals too): they are written back where the REGDISPLAY points.
        // The dispatcher must not allow a collection between finallys, hence the GC flag around it.
        s.Function("RhpCallFinallyFunclet", a =>
        {
            PushCalleeSaved(a);
            a.sub(rsp, 0x18);
            a.mov(__qword_ptr[rsp], rdi);
            a.mov(__qword_ptr[rsp + 8], rsi);
            CallRuntime(a, s, AllowGc);
            a.mov(rsi, __qword_ptr[rsp + 8]);
            LoadCalleeSaved(a, rsi);
            a.mov(rax, __qword_ptr[rsp]);
            a.call(rax);
            var returnAddress = a.CreateLabel();
            a.Label(ref returnAddress);
            a.mov(rsi, __qword_ptr[rsp + 8]);
            foreach (var (register, slot) in s_calleeSaved)
            {
                a.mov(rax, __qword_ptr[rsi + slot]);
                a.mov(__qword_ptr[rax], register);
            }
            CallRuntime(a, s, ForbidGc);
            a.add(rsp, 0x18);
            PopCalleeSaved(a);
            a.ret();
            return new Dictionary<string, Label> { [FinallyReturnLabel] = returnAddress };
        });

        // (rdi = exception, rsi = filter, rdx = REGDISPLAY*) -> bool. A filter only needs the parent's
        // frame pointer; it returns non-zero to take the handler.
        s.Function("RhpCallFilterFunclet", a =>
        {
            PushCalleeSaved(a);
            a.sub(rsp, 8);
            a.mov(rax, __qword_ptr[rdx + ExceptionLayout.RegDisplayRbp]);
            a.mov(rbp, __qword_ptr[rax]);
            a.call(rsi);
            var returnAddress = a.CreateLabel();
            a.Label(ref returnAddress);
            a.test(eax, eax);
            a.setne(al);
            a.movzx(eax, al);
            a.add(rsp, 8);
            PopCalleeSaved(a);
            a.ret();
            return new Dictionary<string, Label> { [FilterReturnLabel] = returnAddress };
        });
    }

    private static void PushCalleeSaved(Assembler a)
    {
        a.push(r15);
        a.push(r14);
        a.push(r13);
        a.push(r12);
        a.push(rbx);
        a.push(rbp);
    }

    private static void PopCalleeSaved(Assembler a)
    {
        a.pop(rbp);
        a.pop(rbx);
        a.pop(r12);
        a.pop(r13);
        a.pop(r14);
        a.pop(r15);
    }

    private static void LoadCalleeSaved(Assembler a, AssemblerRegister64 regDisplay)
    {
        foreach (var (register, slot) in s_calleeSaved)
        {
            a.mov(rax, __qword_ptr[regDisplay + slot]);
            a.mov(register, __qword_ptr[rax]);
        }
    }

    private static void CallRuntime(Assembler a, StubObjectBuilder s, string symbol)
    {
        a.mov(rax, s.AddressOf(symbol));
        a.call(rax);
    }
}
