using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The GC write barriers ilc calls on every store of an object reference: the store, then the card
/// of the destination is dirtied when the destination lies in the heap, so that a young collection
/// finds every reference an old object got since the last collection
/// (runtime/Minnow.Runtime/Collection/CardTable.cs). The heap's range and the table's address come
/// from <see cref="CardTableSymbol"/> (cards, heap base, heap bytes; zero bytes until the runtime
/// fills it, so nothing is marked before the heap exists). The card work uses only the scratch
/// registers the stock barriers use, which is all the JIT expects them to clobber: r10 and r11 in
/// RhpAssignRef, RhpCheckedAssignRef and the exchanges, but rax and rcx in RhpByRefAssignRef
/// (ilc's code keeps values in r8-r11 across a call of it: a version that used r10 corrupted the
/// caller's state). RhpByRefAssignRef takes rsi/rdi and advances both; the exchanges return the old
/// value in rax. A thread preempted between a store and its card still holds the stored reference
/// (in rsi, or in the source slot rsi points at), and the collector scans registers and stacks, so
/// the referenced object survives and is old once the card matters.
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

    public const string CardTableSymbol = "minnow_card_table";
    public const int CardShift = 9;

    public static void Emit(StubObjectBuilder s)
    {
        s.BssObject(CardTableSymbol, 24, 64);
        ulong block = s.AddressOf(CardTableSymbol);
        s.Function("minnow_card_table_block", a => { a.mov(rax, block); a.ret(); });
        s.Function("RhpAssignRef", a => StoreAndMarkCard(a, block, AssignRefFaultLocation));
        s.Function("RhpCheckedAssignRef", a => StoreAndMarkCard(a, block, CheckedAssignRefFaultLocation));
        s.Function("RhpByRefAssignRef", a =>
        {
            var load = a.CreateLabel();
            var store = a.CreateLabel();
            a.Label(ref load);
            a.mov(rcx, __[rsi]);
            a.Label(ref store);
            a.mov(__[rdi], rcx);
            MarkCard(a, block, rax, rcx);
            a.add(rdi, 8);
            a.add(rsi, 8);
            a.ret();
            return new Dictionary<string, Label> { [ByRefAssignRefFaultLocation1] = load, [ByRefAssignRefFaultLocation2] = store };
        });
        // (location, value, comparand) -> previous value; a failed exchange dirties a card for nothing, harmlessly.
        s.Function("RhpCheckedLockCmpXchg", a => { a.mov(rax, rdx); a.@lock.cmpxchg(__[rdi], rsi); MarkCard(a, block, r10, r11); a.ret(); });
        // (location, value) -> previous value
        s.Function("RhpCheckedXchg", a => { a.mov(rax, rsi); a.xchg(__[rdi], rax); MarkCard(a, block, r10, r11); a.ret(); });
    }

    // (rdi = destination, rsi = reference)
    private static IReadOnlyDictionary<string, Label> StoreAndMarkCard(Assembler a, ulong block, string faultLocation)
    {
        var store = a.CreateLabel();
        a.Label(ref store);
        a.mov(__[rdi], rsi);
        MarkCard(a, block, r10, r11);
        a.ret();
        return new Dictionary<string, Label> { [faultLocation] = store };
    }

    // if (rdi - heapBase < heapBytes) cards[(rdi - heapBase) >> CardShift] = 1; with two scratch registers only.
    private static void MarkCard(Assembler a, ulong block, AssemblerRegister64 table, AssemblerRegister64 card)
    {
        var done = a.CreateLabel();
        a.mov(table, block);
        a.mov(card, rdi);
        a.sub(card, __qword_ptr[table + 8]);
        a.cmp(card, __qword_ptr[table + 16]);
        a.jae(done);
        a.shr(card, CardShift);
        a.add(card, __qword_ptr[table]);
        a.mov(__byte_ptr[card], 1);
        a.Label(ref done);
    }
}
