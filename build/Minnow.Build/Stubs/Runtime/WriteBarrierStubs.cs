using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The GC write barriers ilc calls on every store of an object reference. The collector is
/// non-generational and non-concurrent, so a barrier is the store itself; the helpers still have to
/// honour the JIT's register contracts (RhpByRefAssignRef takes rsi/rdi and advances both).
/// </summary>
/// <remarks>
/// Compiled code passes the destination unchecked: a store through a null reference faults inside
/// the barrier. The labelled instructions are where that can happen; the runtime turns such a fault
/// into the caller's NullReferenceException (see ExceptionCodeAddresses). They must stay the first
/// memory access, with nothing pushed before them.
/// </remarks>
public static class WriteBarrierStubs
{
    public const string AssignRefFaultLocation = "RhpAssignRefAVLocation";
    public const string CheckedAssignRefFaultLocation = "RhpCheckedAssignRefAVLocation";
    public const string ByRefAssignRefFaultLocation1 = "RhpByRefAssignRefAVLocation1";
    public const string ByRefAssignRefFaultLocation2 = "RhpByRefAssignRefAVLocation2";

    public static void Emit(StubObjectBuilder s)
    {
        s.Function("RhpAssignRef", a => StoreAndReturn(a, AssignRefFaultLocation));
        s.Function("RhpCheckedAssignRef", a => StoreAndReturn(a, CheckedAssignRefFaultLocation));
        s.Function("RhpByRefAssignRef", a =>
        {
            var load = a.CreateLabel();
            var store = a.CreateLabel();
            a.Label(ref load);
            a.mov(rcx, __[rsi]);
            a.Label(ref store);
            a.mov(__[rdi], rcx);
            a.add(rdi, 8);
            a.add(rsi, 8);
            a.ret();
            return new Dictionary<string, Label> { [ByRefAssignRefFaultLocation1] = load, [ByRefAssignRefFaultLocation2] = store };
        });
        // (location, value, comparand) -> previous value
        s.Function("RhpCheckedLockCmpXchg", a => { a.mov(rax, rdx); a.@lock.cmpxchg(__[rdi], rsi); a.ret(); });
        // (location, value) -> previous value
        s.Function("RhpCheckedXchg", a => { a.mov(rax, rsi); a.xchg(__[rdi], rax); a.ret(); });
    }

    // (rdi = destination, rsi = reference)
    private static IReadOnlyDictionary<string, Label> StoreAndReturn(Assembler a, string faultLocation)
    {
        var store = a.CreateLabel();
        a.Label(ref store);
        a.mov(__[rdi], rsi);
        a.ret();
        return new Dictionary<string, Label> { [faultLocation] = store };
    }
}
