using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Memory;

/// <summary>
/// The kernel's 4-level page tables: an identity map of RAM and the low 4 GiB (device memory) in
/// 2 MiB pages, split into 4 KiB pages where something must stay unmapped: page 0 (so null
/// dereferences fault) and the guard page under every stack; and, for the managed heap, a second
/// map of RAM at a high address.
/// </summary>
public static unsafe class PageTables
{
    private const ulong Present = 1;
    private const ulong Writable = 2;
    private const ulong Huge = 0x80;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    private const ulong TwoMiB = 0x20_0000;

    private static ulong* s_pml4;

    public static bool Initialize(ulong highestRamAddress)
    {
        s_pml4 = NewTable();
        if (s_pml4 == null)
            return false;
        ulong end = highestRamAddress > 0x1_0000_0000 ? highestRamAddress : 0x1_0000_0000;
        for (ulong address = 0; address < end; address += TwoMiB)
        {
            ulong* pd = Walk(address, levelsDown: 2);
            if (pd == null)
                return false;
            pd[(address >> 21) & 511] = address | Present | Writable | Huge;
        }
        if (!Unmap(0))
            return false;
        CpuInstructions.WriteCr3((ulong)s_pml4);
        return true;
    }

    /// <summary>
    /// Maps physical [0, <paramref name="length"/>) a second time at <paramref name="aliasBase"/> (1 GiB
    /// aligned, above the identity map) in 2 MiB pages. The managed heap lives there, at addresses no
    /// small integer resembles (see the runtime's Collection/HeapAddressSpace.cs).
    /// </summary>
    public static bool MapAlias(ulong aliasBase, ulong length)
    {
        if ((aliasBase & 0x3FFF_FFFF) != 0)
            return false;
        for (ulong offset = 0; offset < length; offset += TwoMiB)
        {
            ulong* pd = Walk(aliasBase + offset, levelsDown: 2);
            if (pd == null)
                return false;
            pd[((aliasBase + offset) >> 21) & 511] = offset | Present | Writable | Huge;
        }
        return true;
    }

    /// <summary>Removes the 4 KiB page at <paramref name="address"/> from the map (a guard page).</summary>
    public static bool Unmap(ulong address) => SetPage(address, 0);

    /// <summary>Maps the 4 KiB page at <paramref name="address"/> again, identity.</summary>
    public static bool Remap(ulong address) => SetPage(address, (address & AddressMask) | Present | Writable);

    // Threads create and end stacks concurrently: the walk, a split and the store happen with interrupts off.
    private static bool SetPage(ulong address, ulong entry)
    {
        ulong interrupts = InterruptState.Disable();
        ulong* pt = PageTableFor(address);
        if (pt != null)
        {
            pt[(address >> 12) & 511] = entry;
            CpuInstructions.InvalidatePage(address);
        }
        InterruptState.Restore(interrupts);
        return pt != null;
    }

    public static bool IsMapped(ulong address)
    {
        ulong* pdpt = Next(s_pml4, (address >> 39) & 511, create: false);
        ulong* pd = pdpt == null ? null : Next(pdpt, (address >> 30) & 511, create: false);
        if (pd == null)
            return false;
        ulong pde = pd[(address >> 21) & 511];
        if ((pde & Present) == 0)
            return false;
        if ((pde & Huge) != 0)
            return true;
        return (((ulong*)(pde & AddressMask))[(address >> 12) & 511] & Present) != 0;
    }

    /// <summary>The 4 KiB-level table covering <paramref name="address"/>, splitting a 2 MiB page if needed.</summary>
    private static ulong* PageTableFor(ulong address)
    {
        ulong* pd = Walk(address, levelsDown: 2);
        if (pd == null)
            return null;
        ref ulong pde = ref pd[(address >> 21) & 511];
        if ((pde & Present) != 0 && (pde & Huge) == 0)
            return (ulong*)(pde & AddressMask);
        ulong* pt = NewTable();
        if (pt == null)
            return null;
        if ((pde & Present) != 0)
        {
            ulong baseAddress = pde & AddressMask & ~(TwoMiB - 1);
            for (ulong i = 0; i < 512; i++)
                pt[i] = (baseAddress + i * 4096) | Present | Writable;
        }
        pde = (ulong)pt | Present | Writable;
        return pt;
    }

    private static ulong* Walk(ulong address, int levelsDown)
    {
        ulong* table = s_pml4;
        for (int level = 0; level < levelsDown && table != null; level++)
            table = Next(table, (address >> (39 - 9 * level)) & 511, create: true);
        return table;
    }

    private static ulong* Next(ulong* table, ulong index, bool create)
    {
        if ((table[index] & Present) != 0)
            return (ulong*)(table[index] & AddressMask);
        if (!create)
            return null;
        ulong* next = NewTable();
        if (next != null)
            table[index] = (ulong)next | Present | Writable;
        return next;
    }

    private static ulong* NewTable() => (ulong*)PhysicalMemory.AllocatePages(1);
}
