using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// RhpInitialDynamicInterfaceDispatch: every interface call site does <c>lea r11, cell; call [r11]</c>.
/// The stub null-checks 'this', saves the argument registers in the TransitionBlock layout CoreLib's
/// resolver expects (arguments at +0x10, the caller's return address at +0x48), calls CoreLib's
/// RhpCidResolve(transitionBlock, cell), restores everything and jumps to the resolved method.
/// </summary>
public static class InterfaceDispatchStub
{
    private const int FrameSize = 0xC8;          // entry rsp is 8 mod 16; this makes it 16-aligned
    private const int TransitionBlock = 0x80;    // xmm0-7 below it

    public static void Emit(StubObjectBuilder s)
    {
        s.Function("RhpInitialDynamicInterfaceDispatch", a =>
        {
            a.cmp(__byte_ptr[rdi], 0);
            a.sub(rsp, FrameSize);
            var xmms = new[] { xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7 };
            for (int i = 0; i < 8; i++)
                a.movdqa(__xmmword_ptr[rsp + i * 16], xmms[i]);
            var arguments = new[] { rdi, rsi, rdx, rcx, r8, r9 };
            for (int i = 0; i < arguments.Length; i++)
                a.mov(__qword_ptr[rsp + TransitionBlock + 0x10 + i * 8], arguments[i]);
            a.lea(rdi, __[rsp + TransitionBlock]);
            a.mov(rsi, r11);
            a.mov(rax, s.AddressOf("RhpCidResolve"));
            a.call(rax);
            for (int i = 0; i < arguments.Length; i++)
                a.mov(arguments[i], __qword_ptr[rsp + TransitionBlock + 0x10 + i * 8]);
            for (int i = 0; i < 8; i++)
                a.movdqa(xmms[i], __xmmword_ptr[rsp + i * 16]);
            a.add(rsp, FrameSize);
            a.jmp(rax);
        });
    }
}
