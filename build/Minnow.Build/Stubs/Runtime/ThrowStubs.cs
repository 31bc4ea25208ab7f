using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// RhpThrowEx, RhpRethrow and RhpThrowHwEx: where a throw leaves compiled code. Each records the
/// thrower's context (a PAL_LIMITED_CONTEXT) and an ExInfo below it on the stack, links the ExInfo
/// into the thread's chain (Minnow.Runtime's MinnowExInfoPush returns the previous head), and calls
/// CoreLib's managed dispatcher, which never returns. The return address of that call (the exported
/// labels RhpThrowEx2, RhpRethrow2, RhpThrowHwEx2) is how stack walks recognise a throw site: the
/// context then lies at the ExInfo's end. Layouts: shared/notes/exception-dispatch.md §2.
/// </summary>
public static class ThrowStubs
{
    public const string ThrowReturnLabel = "RhpThrowEx2";
    public const string RethrowReturnLabel = "RhpRethrow2";
    public const string HardwareThrowReturnLabel = "RhpThrowHwEx2";
    public const string PushExInfo = "MinnowExInfoPush";

    public static void Emit(StubObjectBuilder s)
    {
        // rdi = exception object; [rsp] = return address into the throwing method.
        s.Function("RhpThrowEx", a =>
        {
            a.mov(rax, __qword_ptr[rsp]);
            a.lea(r11, __[rsp + 8]);
            a.push(0);                          // entry rsp is 8 mod 16: realign
            LimitedContext.Push(a, ip: rax, sp: r11);
            a.mov(rbx, rdi);                    // the callee-saved registers are in the context now
            BuildExInfo(a, s, ExceptionLayout.KindThrow);
            a.mov(rdi, rbx);
            a.mov(rsi, r12);
            return CallDispatcher(a, s, "RhThrowEx", ThrowReturnLabel);
        });

        // `throw;` in a catch: the active exception is the head ExInfo's.
        s.Function("RhpRethrow", a =>
        {
            a.mov(rax, __qword_ptr[rsp]);
            a.lea(r11, __[rsp + 8]);
            a.push(0);
            LimitedContext.Push(a, ip: rax, sp: r11);
            BuildExInfo(a, s, ExceptionLayout.KindNone);   // the dispatcher copies the active ExInfo's kind
            a.mov(rdi, rax);                    // the previous head: the active ExInfo
            a.mov(rsi, r12);
            return CallDispatcher(a, s, "RhRethrow", RethrowReturnLabel);
        });

        // Reached from a CPU fault by rewriting the interrupted frame: edi = exception code,
        // rsi = faulting instruction, rsp = the faulting frame's rsp, other registers as at the fault.
        s.Function("RhpThrowHwEx", a =>
        {
            a.mov(rax, rsp);
            a.and(rsp, -16);
            LimitedContext.Push(a, ip: rsi, sp: rax);
            a.mov(ebx, edi);
            BuildExInfo(a, s, ExceptionLayout.KindHardwareFault);
            a.mov(edi, ebx);
            a.mov(rsi, r12);
            return CallDispatcher(a, s, "RhThrowHwEx", HardwareThrowReturnLabel);
        });
    }

    /// <summary>Reserves and initialises the ExInfo below the context; r12 = ExInfo, rax = previous chain head.</summary>
    private static void BuildExInfo(Assembler a, StubObjectBuilder s, byte kind)
    {
        a.sub(rsp, ExceptionLayout.ExInfoSize);
        a.mov(r12, rsp);
        a.lea(rax, __[rsp + ExceptionLayout.ExInfoSize]);
        a.mov(__qword_ptr[r12 + ExceptionLayout.ExInfoContext], rax);
        a.mov(__qword_ptr[r12 + ExceptionLayout.ExInfoException], 0);
        a.mov(__byte_ptr[r12 + ExceptionLayout.ExInfoKind], kind);
        a.mov(__byte_ptr[r12 + ExceptionLayout.ExInfoPassNumber], 1);
        a.mov(__dword_ptr[r12 + ExceptionLayout.ExInfoCurrentClause], -1);
        a.mov(rdi, r12);
        a.mov(rax, s.AddressOf(PushExInfo));
        a.call(rax);
    }

    private static IReadOnlyDictionary<string, Label> CallDispatcher(Assembler a, StubObjectBuilder s, string dispatcher, string returnLabel)
    {
        var returnAddress = a.CreateLabel();
        a.mov(rax, s.AddressOf(dispatcher));
        a.call(rax);
        a.Label(ref returnAddress);
        a.int3();                               // the dispatcher never returns
        return new Dictionary<string, Label> { [returnLabel] = returnAddress };
    }
}
