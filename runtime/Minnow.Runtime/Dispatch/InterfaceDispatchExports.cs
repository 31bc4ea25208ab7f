using System.Runtime;

namespace Minnow.Runtime.Dispatch;

/// <summary>
/// Decoding of ilc's interface dispatch cells for CoreLib's resolver (RhpCidResolve), which the
/// RhpInitialDynamicInterfaceDispatch stub calls. A cell is {stub, cache}: the cache word holds a
/// flagged (relative) pointer to the interface MethodTable; the slot sits in the terminator cell
/// {0, slot | type &lt;&lt; 16} that ends each run of cells. Cells themselves never change: resolved
/// targets go to the <see cref="DispatchCache"/> the dispatch stub reads first.
/// </summary>
internal static unsafe class InterfaceDispatchExports
{
    private const ulong FlagsMask = 3;
    private const ulong AbsoluteInterfacePointer = 1;
    private const ulong IndirectRelativePointer = 2;
    private const ulong RelativeInterfacePointer = 3;

    [RuntimeExport("RhpGetDispatchCellInfo")]
    private static void GetDispatchCellInfo(ulong* cell, DispatchCellInfo* info)
    {
        *info = default;
        ulong cache = cell[1];
        ulong flags = cache & FlagsMask;
        if (flags == 0)
        {
            if (cache < 0x1000)
            {
                info->CellType = DispatchCellInfo.VTableOffset;
                info->Offset = (uint)cache;
                info->HasCache = 1;
                return;
            }
            RuntimeFailure.NotYetSupported("interface dispatch cell with a cache (Minnow never installs one)");
        }

        ulong* terminator = cell;
        while (terminator[0] != 0)
            terminator += 2;
        ulong t = terminator[1];
        info->CellType = (int)(t >> 16);
        if (info->CellType == DispatchCellInfo.MetadataToken)
        {
            info->Token = (uint)(cache >> 2);
            return;
        }
        info->InterfaceSlot = (ushort)t;
        ulong target = flags switch
        {
            AbsoluteInterfacePointer => cache & ~FlagsMask,
            _ => ((ulong)&cell[1] + (ulong)(long)(int)(uint)cache) & ~FlagsMask,
        };
        if (flags == IndirectRelativePointer)
            target = *(ulong*)target;
        info->InterfaceType = (nint)target;
    }

    /// <summary>
    /// A dispatch cell for code the type loader builds at run time: a run of one cell (absolute
    /// interface pointer) and its terminator carrying the slot, the shape ilc emits.
    /// </summary>
    [RuntimeExport("RhNewInterfaceDispatchCell")]
    private static ulong* NewInterfaceDispatchCell(nint interfaceType, int slot)
    {
        ulong* cells = (ulong*)Memory.NativeHeap.Allocate(32);
        if (cells == null)
            return null;
        cells[0] = (ulong)InitialDispatchStub();
        cells[1] = (ulong)interfaceType | AbsoluteInterfacePointer;
        cells[2] = 0;
        cells[3] = (uint)(ushort)slot | ((ulong)DispatchCellInfo.InterfaceAndSlot << 16);
        return cells;
    }

    [System.Runtime.InteropServices.DllImport("minnow", EntryPoint = "minnow_interface_dispatch_stub"), System.Runtime.InteropServices.SuppressGCTransition]
    private static extern nint InitialDispatchStub();

    [RuntimeExport("RhpSearchDispatchCellCache")]
    private static nint SearchDispatchCellCache(nint cell, nint methodTable) => DispatchCache.Lookup(cell, methodTable);

    [RuntimeExport("RhpUpdateDispatchCellCache")]
    private static nint UpdateDispatchCellCache(nint cell, nint target, nint methodTable, DispatchCellInfo* info)
    {
        DispatchCache.Insert(cell, methodTable, target);
        return target;
    }
}
