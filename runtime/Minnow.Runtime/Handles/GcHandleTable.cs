using Minnow.Kernel.Cpu;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Handles;

/// <summary>
/// GC handles: a handle is the address of a cell whose first word is the object reference (CoreLib
/// reads it inline). Cells are 32 bytes, 32-aligned: reference, secondary (dependent handles), type,
/// next free. Pages of cells are chained; freed cells go on a free list. Without a collector every
/// handle is strong in effect; the type is kept for when weak handles must be cleared.
/// </summary>
internal static unsafe class GcHandleTable
{
    public const int TypeWeak = 0;
    public const int TypeWeakTrackResurrection = 1;
    public const int TypeNormal = 2;
    public const int TypePinned = 3;
    public const int TypeDependent = 6;

    private struct Cell
    {
        public nint Object;
        public nint Secondary;
        public nint Type;
        public Cell* NextFree;
    }

    private const int CellsPerBlock = 128;
    private static Cell* s_free;

    public static nint Allocate(nint obj, int type, nint secondary = 0)
    {
        // The free list is shared by every thread: taken and returned with interrupts off.
        ulong interrupts = InterruptState.Disable();
        Cell* cell = s_free == null && !Grow() ? null : s_free;
        if (cell != null)
            s_free = cell->NextFree;
        InterruptState.Restore(interrupts);
        if (cell == null)
            return 0;
        cell->Object = obj;
        cell->Secondary = secondary;
        cell->Type = type;
        cell->NextFree = null;
        return (nint)cell;
    }

    public static void Free(nint handle)
    {
        Cell* cell = (Cell*)handle;
        cell->Object = 0;
        cell->Secondary = 0;
        ulong interrupts = InterruptState.Disable();
        cell->NextFree = s_free;
        s_free = cell;
        InterruptState.Restore(interrupts);
    }

    public static void Set(nint handle, nint obj) => ((Cell*)handle)->Object = obj;

    public static nint GetDependent(nint handle, out nint secondary)
    {
        Cell* cell = (Cell*)handle;
        secondary = cell->Secondary;
        return cell->Object;
    }

    public static void SetDependentSecondary(nint handle, nint secondary) => ((Cell*)handle)->Secondary = secondary;

    private static bool Grow()
    {
        // 32-byte cells from a page-sized block: the heap's 16-byte header keeps 16-alignment, so over-allocate.
        byte* block = (byte*)NativeHeap.Allocate((nuint)(CellsPerBlock * sizeof(Cell) + 32));
        if (block == null)
            return false;
        Cell* cells = (Cell*)(((nint)block + 31) & ~(nint)31);
        for (int i = 0; i < CellsPerBlock; i++)
        {
            cells[i].NextFree = s_free;
            s_free = &cells[i];
        }
        return true;
    }
}
