using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Minnow.Kernel;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The remembered set of the generational collector: one byte per <see cref="CardBytes"/> bytes of
/// the heap's address range, set by the write barriers (build/Minnow.Build/Stubs/Runtime/
/// WriteBarrierStubs.cs, and <see cref="MarkRange"/> for bulk copies) whenever a reference is stored
/// into the heap. Between collections a card is dirty if a reference was stored into it since the
/// last one; every collection leaves all cards clean, because every object that survives it is old
/// and references between old objects need no remembering. A young collection therefore finds every
/// old-to-young reference in a dirty card. The barrier reads the table's address and the heap's
/// range from a three-word block in the image (<c>minnow_card_table</c>); until <see cref="Initialize"/>
/// fills it the range is empty and the barriers mark nothing (no object exists yet).
/// </summary>
internal static unsafe class CardTable
{
    public const int CardShift = 9;
    public const ulong CardBytes = 1UL << CardShift;

    [StructLayout(LayoutKind.Sequential)]
    private struct BarrierBlock
    {
        public byte* Cards;       // card of heap address a: Cards[(a - HeapBase) >> CardShift]
        public ulong HeapBase;
        public ulong HeapBytes;
    }

    private static byte* s_cards;

    public static void Initialize()
    {
        ulong heapBytes = PhysicalMemory.HighestAddress;
        ulong count = (heapBytes + CardBytes - 1) >> CardShift;
        s_cards = (byte*)NativeHeap.AllocateZeroed((nuint)count, 1);
        if (s_cards == null)
            Panic.Fail("out of memory while setting up the collector's card table");
        var block = (BarrierBlock*)BarrierBlockAddress();
        block->Cards = s_cards;
        block->HeapBase = HeapAddressSpace.AliasBase;
        block->HeapBytes = heapBytes;
    }

    /// <summary>The card byte of heap address <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* CardOf(ulong address) => s_cards + ((address - HeapAddressSpace.AliasBase) >> CardShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDirty(ulong address) => *CardOf(address) != 0;

    /// <summary>The barrier of a bulk copy: dirties every card of [start, start + bytes) that lies in the heap.</summary>
    public static void MarkRange(byte* start, ulong bytes)
    {
        if (s_cards == null || bytes == 0)
            return;
        ulong first = (ulong)start - HeapAddressSpace.AliasBase;
        if (first >= PhysicalMemory.HighestAddress)
            return;
        ulong last = first + bytes - 1;
        for (ulong card = first >> CardShift; card <= last >> CardShift; card++)
            s_cards[card] = 1;
    }

    /// <summary>Cleans the cards of [start, start + bytes), an area of the heap aligned to <see cref="CardBytes"/>.</summary>
    public static void Clear(ulong start, ulong bytes) => new Span<byte>(CardOf(start), checked((int)(bytes >> CardShift))).Clear();

    /// <summary>Whether any card of [start, start + bytes) is dirty.</summary>
    public static bool AnyDirty(ulong start, ulong bytes)
    {
        byte* card = CardOf(start);
        byte* end = CardOf(start + bytes - 1);
        for (; card <= end; card++)
        {
            if (*card != 0)
                return true;
        }
        return false;
    }

    [DllImport("minnow", EntryPoint = "minnow_card_table_block"), SuppressGCTransition]
    private static extern nint BarrierBlockAddress();
}
