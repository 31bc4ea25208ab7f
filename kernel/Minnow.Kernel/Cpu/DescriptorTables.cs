using System.Runtime.InteropServices;
using Minnow.Kernel.Memory;

namespace Minnow.Kernel.Cpu;

/// <summary>
/// GDT (kernel code/data and a TSS) and IDT. The TSS gives double faults and NMIs stacks of their own
/// (IST1, IST2): a stack overflow into a guard page faults again while pushing the #PF frame, and
/// that double fault must still run somewhere to report it.
/// </summary>
public static unsafe class DescriptorTables
{
    public const ushort KernelCode = 0x08;
    public const ushort KernelData = 0x10;
    private const ushort TaskStateSelector = 0x18;
    private const int IstStackPages = 4;

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct TablePointer
    {
        public ushort Limit;
        public ulong Base;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct TaskState
    {
        public uint Reserved0;
        public ulong Rsp0, Rsp1, Rsp2;
        public ulong Reserved1;
        public ulong Ist1, Ist2, Ist3, Ist4, Ist5, Ist6, Ist7;
        public ulong Reserved2;
        public ushort Reserved3;
        public ushort IoMapBase;
    }

    private static ulong* s_gdt;
    private static ulong* s_idt;
    private static TaskState* s_tss;

    public static bool Initialize(ulong* interruptEntries, int vectorCount)
    {
        ulong page = PhysicalMemory.AllocatePages(1);
        ulong doubleFaultStack = AllocateGuardedStack();
        ulong nmiStack = AllocateGuardedStack();
        if (page == 0 || doubleFaultStack == 0 || nmiStack == 0)
            return false;
        s_gdt = (ulong*)page;
        s_tss = (TaskState*)(page + 256);
        s_idt = (ulong*)(page + 2048);

        s_tss->Ist1 = doubleFaultStack;
        s_tss->Ist2 = nmiStack;
        s_tss->IoMapBase = (ushort)sizeof(TaskState);

        s_gdt[0] = 0;
        s_gdt[1] = 0x00AF9A000000FFFFUL;  // 64-bit code
        s_gdt[2] = 0x00CF92000000FFFFUL;  // data
        ulong tssBase = (ulong)s_tss;
        ulong tssLimit = (ulong)sizeof(TaskState) - 1;
        s_gdt[3] = (tssLimit & 0xFFFF) | ((tssBase & 0xFF_FFFF) << 16) | (0x89UL << 40) | (((tssBase >> 24) & 0xFF) << 56);
        s_gdt[4] = tssBase >> 32;

        TablePointer gdtr = new() { Limit = 5 * 8 - 1, Base = (ulong)s_gdt };
        CpuInstructions.LoadGdt(&gdtr);
        CpuInstructions.LoadSegments(KernelCode, KernelData);
        CpuInstructions.LoadTaskRegister(TaskStateSelector);

        for (int vector = 0; vector < vectorCount; vector++)
        {
            byte ist = vector switch { 8 => 1, 2 => 2, _ => 0 };
            SetGate(vector, interruptEntries[vector], ist);
        }
        TablePointer idtr = new() { Limit = (ushort)(vectorCount * 16 - 1), Base = (ulong)s_idt };
        CpuInstructions.LoadIdt(&idtr);
        return true;
    }

    private static void SetGate(int vector, ulong handler, byte ist)
    {
        // 64-bit interrupt gate, present, DPL 0.
        s_idt[vector * 2] = (handler & 0xFFFF) | ((ulong)KernelCode << 16) | ((ulong)ist << 32) | (0x8EUL << 40) | (((handler >> 16) & 0xFFFF) << 48);
        s_idt[vector * 2 + 1] = handler >> 32;
    }

    /// <summary>A stack with an unmapped page below it; returns its top (16-byte aligned), or 0.</summary>
    public static ulong AllocateGuardedStack(int pages = IstStackPages)
    {
        ulong bottom = PhysicalMemory.AllocatePages((ulong)pages + 1);
        if (bottom == 0 || !PageTables.Unmap(bottom))
            return 0;
        return bottom + (ulong)(pages + 1) * PhysicalMemory.PageSize;
    }
}
