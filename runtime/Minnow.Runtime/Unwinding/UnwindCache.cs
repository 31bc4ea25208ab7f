using System.Runtime.CompilerServices;
using Minnow.Kernel.Cpu;

namespace Minnow.Runtime.Unwinding;

/// <summary>
/// Remembers, per code address, what the slow lookups found: the method (binary search of
/// .eh_frame_hdr, FDE and unwind-block decoding) and the CFI row (the CIE's and FDE's instructions
/// run up to the address). Throwing through the same code again, as programs that use exceptions
/// do, then skips both. Direct-mapped tables in the image's static data (nothing is allocated while
/// an exception, perhaps an OutOfMemoryException, is being dispatched); code never moves or goes
/// away, so an entry never goes stale. Entries are read and written with interrupts off: on one
/// CPU no thread can then see another's half-written entry.
/// </summary>
internal static class UnwindCache
{
    private const int Size = 256;

    private struct MethodEntry
    {
        public ulong Pc;
        public MethodInfo Method;
    }

    private struct RowEntry
    {
        public ulong Pc;
        public int FdeOffset;
        public UnwindRow Row;
    }

    [InlineArray(Size)]
    private struct MethodTable
    {
        private MethodEntry _first;
    }

    [InlineArray(Size)]
    private struct RowTable
    {
        private RowEntry _first;
    }

    private static MethodTable s_methods;
    private static RowTable s_rows;

    public static long Hits { get; private set; }

    public static long Misses { get; private set; }

    private static int Index(ulong pc) => (int)((pc * 0x9E3779B97F4A7C15UL) >> 56) & (Size - 1);

    public static bool TryGetMethod(ulong pc, out MethodInfo method)
    {
        ulong interrupts = InterruptState.Disable();
        ref MethodEntry entry = ref s_methods[Index(pc)];
        bool hit = pc != 0 && entry.Pc == pc;
        method = hit ? entry.Method : default;
        Count(hit);
        InterruptState.Restore(interrupts);
        return hit;
    }

    public static void AddMethod(ulong pc, in MethodInfo method)
    {
        ulong interrupts = InterruptState.Disable();
        ref MethodEntry entry = ref s_methods[Index(pc)];
        entry.Pc = pc;
        entry.Method = method;
        InterruptState.Restore(interrupts);
    }

    /// <summary>The row for <paramref name="pc"/> in the FDE at <paramref name="fdeOffset"/>.</summary>
    public static bool TryGetRow(ulong pc, int fdeOffset, out UnwindRow row)
    {
        ulong interrupts = InterruptState.Disable();
        ref RowEntry entry = ref s_rows[Index(pc)];
        bool hit = pc != 0 && entry.Pc == pc && entry.FdeOffset == fdeOffset;
        row = hit ? entry.Row : default;
        Count(hit);
        InterruptState.Restore(interrupts);
        return hit;
    }

    public static void AddRow(ulong pc, int fdeOffset, in UnwindRow row)
    {
        ulong interrupts = InterruptState.Disable();
        ref RowEntry entry = ref s_rows[Index(pc)];
        entry.Pc = pc;
        entry.FdeOffset = fdeOffset;
        entry.Row = row;
        InterruptState.Restore(interrupts);
    }

    private static void Count(bool hit)
    {
        if (hit)
            Hits++;
        else
            Misses++;
    }
}
