using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// RhpGetCurrentThreadStackTrace(buffer, length, addressInFrame) -> int, which CoreLib P/Invokes for
/// Environment.StackTrace and new StackTrace(). It records its caller's context (a PAL_LIMITED_CONTEXT)
/// where the runtime's stack-frame iterator starts a stack-trace walk (MinnowSetStackTraceContext),
/// then calls CoreLib's RhpCalculateStackTraceWorker, which walks with that iterator and fills the buffer.
/// </summary>
public static class StackTraceStub
{
    public const string SetContext = "MinnowSetStackTraceContext";

    public static void Emit(StubObjectBuilder s)
    {
        s.Function("RhpGetCurrentThreadStackTrace", a =>
        {
            a.mov(rax, __qword_ptr[rsp]);
            a.lea(r11, __[rsp + 8]);
            a.push(0);                          // entry rsp is 8 mod 16: realign
            LimitedContext.Push(a, ip: rax, sp: r11);
            a.mov(rbx, rdi);
            a.mov(r12, rsi);
            a.mov(r13, rdx);
            a.mov(rdi, rsp);
            a.mov(rax, s.AddressOf(SetContext));
            a.call(rax);
            a.mov(rdi, rbx);
            a.mov(esi, r12d);
            a.mov(rdx, r13);
            a.mov(rax, s.AddressOf("RhpCalculateStackTraceWorker"));
            a.call(rax);
            a.mov(r12d, eax);
            a.xor(edi, edi);
            a.mov(rax, s.AddressOf(SetContext));
            a.call(rax);
            a.mov(eax, r12d);
            a.mov(rbp, __qword_ptr[rsp + ExceptionLayout.ContextRbp]);
            a.mov(rbx, __qword_ptr[rsp + ExceptionLayout.ContextRbx]);
            a.mov(r12, __qword_ptr[rsp + ExceptionLayout.ContextR12]);
            a.mov(r13, __qword_ptr[rsp + ExceptionLayout.ContextR13]);
            a.mov(r14, __qword_ptr[rsp + ExceptionLayout.ContextR14]);
            a.mov(r15, __qword_ptr[rsp + ExceptionLayout.ContextR15]);
            a.add(rsp, ExceptionLayout.ContextSize + 8);
            a.ret();
        });
    }
}
