using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The GC write barriers ilc calls on every store of an object reference. The collector is
/// non-generational and non-concurrent, so a barrier is the store itself; the helpers still have to
/// honour the JIT's register contracts (RhpByRefAssignRef takes rsi/rdi and advances both).
/// </summary>
public static class WriteBarrierStubs
{
    public static void Emit(StubObjectBuilder s)
    {
        s.Function("RhpAssignRef", a => { a.mov(__[rdi], rsi); a.ret(); });
        s.Function("RhpCheckedAssignRef", a => { a.mov(__[rdi], rsi); a.ret(); });
        s.Function("RhpByRefAssignRef", a =>
        {
            a.mov(rcx, __[rsi]);
            a.mov(__[rdi], rcx);
            a.add(rdi, 8);
            a.add(rsi, 8);
            a.ret();
        });
        // (location, value, comparand) -> previous value
        s.Function("RhpCheckedLockCmpXchg", a => { a.mov(rax, rdx); a.@lock.cmpxchg(__[rdi], rsi); a.ret(); });
        // (location, value) -> previous value
        s.Function("RhpCheckedXchg", a => { a.mov(rax, rsi); a.xchg(__[rdi], rax); a.ret(); });
    }
}
