using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// memmove and memset, which CoreLib's Buffer/SpanHelpers call for large blocks. They must not be
/// C#: the C# copy routines call them. rep movsb/stosb are fast on every CPU with ERMSB.
/// </summary>
public static class MemoryStubs
{
    public static void Emit(StubObjectBuilder s)
    {
        // memmove(rdi = destination, rsi = source, rdx = count) -> destination
        s.Function("memmove", a =>
        {
            var backward = a.CreateLabel();
            a.mov(rax, rdi);
            a.mov(rcx, rdx);
            a.mov(r8, rdi);
            a.sub(r8, rsi);
            a.cmp(r8, rdx);       // (destination - source) < count, unsigned: overlap with destination above source
            a.jb(backward);
            a.rep.movsb();
            a.ret();
            a.Label(ref backward);
            a.lea(rsi, __[rsi + rdx - 1]);
            a.lea(rdi, __[rdi + rdx - 1]);
            a.std();
            a.rep.movsb();
            a.cld();
            a.ret();
        });
        // memset(rdi = destination, esi = value, rdx = count) -> destination
        s.Function("memset", a =>
        {
            a.mov(r8, rdi);
            a.mov(eax, esi);
            a.mov(rcx, rdx);
            a.rep.stosb();
            a.mov(rax, r8);
            a.ret();
        });
    }
}
