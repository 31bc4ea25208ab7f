using System.Runtime.InteropServices;
using Minnow.Kernel.Cpu;

namespace Minnow.Runtime.Dispatch;

/// <summary>
/// The interface dispatch cache the RhpInitialDynamicInterfaceDispatch stub reads before it calls
/// CoreLib's resolver: a direct-mapped table in the image's .bss of {cell, MethodTable, target}
/// entries, indexed by a hash of cell and type (the stub computes the same index). An entry is
/// written once, with interrupts off and its key word last, and never replaced: on one CPU no reader
/// can then see a half-written entry, and a colliding pair simply keeps taking the resolver's path.
/// A (cell, type) pair always resolves to the same target, so an entry never goes stale (types and
/// code are never unloaded).
/// </summary>
internal static unsafe class DispatchCache
{
    // The table's size is the stub's (build/Minnow.Build/Stubs/Runtime/InterfaceDispatchStub.cs), read once.
    private static ulong s_indexMask;

    private struct Entry
    {
        public nint Cell;
        public nint MethodTable;
        public nint Target;
        public nint Unused;
    }

    private static Entry* At(nint cell, nint methodTable)
    {
        if (s_indexMask == 0)
            s_indexMask = (ulong)CacheEntries() - 1;
        return (Entry*)CacheAddress() + (int)((((ulong)methodTable ^ (ulong)cell) >> 4) & s_indexMask);
    }

    public static nint Lookup(nint cell, nint methodTable)
    {
        Entry* entry = At(cell, methodTable);
        return entry->Cell == cell && entry->MethodTable == methodTable ? entry->Target : 0;
    }

    public static void Insert(nint cell, nint methodTable, nint target)
    {
        ulong interrupts = InterruptState.Disable();
        Entry* entry = At(cell, methodTable);
        if (entry->Cell == 0)
        {
            entry->MethodTable = methodTable;
            entry->Target = target;
            Volatile.Write(ref entry->Cell, cell);
        }
        InterruptState.Restore(interrupts);
    }

    [DllImport("minnow", EntryPoint = "minnow_dispatch_cache_address"), SuppressGCTransition]
    private static extern nint CacheAddress();

    [DllImport("minnow", EntryPoint = "minnow_dispatch_cache_entries"), SuppressGCTransition]
    private static extern int CacheEntries();
}
