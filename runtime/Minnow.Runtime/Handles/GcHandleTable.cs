using Minnow.Kernel.Cpu;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Handles;

/// <summary>
/// GC handles: a handle is the address of a cell whose first word is the object reference (CoreLib
/// reads it inline). Cells are 32 bytes, 32-aligned: reference, secondary (dependent handles), type,
/// next free. Blocks of cells are chained so the collector can walk every cell; freed cells get the
/// type <see cref="TypeFree"/> and go on a free list. The collector treats Normal and Pinned handles
/// as roots, clears Weak handles before finalization and WeakTrackResurrection handles after it, and
/// keeps a dependent handle's secondary alive only while its primary is.
/// </summary>
internal static unsafe class GcHandleTable
{
    public const int TypeWeak = 0;
    public const int TypeWeakTrackResurrection = 1;
    public const int TypeNormal = 2;
    public const int TypePinned = 3;
    public const int TypeDependent = 6;
    public const int TypeFree = -1;

    public struct Cell
    {
        public nint Object;
        public nint Secondary;
        public nint Type;
        public Cell* NextFree;
    }

    internal struct Block
    {
        public Block* Next;
    }

    private const int CellsPerBlock = 128;
    private static Cell* s_free;
    private static Block* s_blocks;

    public static nint Allocate(nint obj, int type, nint secondary = 0)
    {
        // The table is shared by every thread and walked by the collector: cells change state with interrupts off.
        ulong interrupts = InterruptState.Disable();
        Cell* cell = s_free == null && !Grow() ? null : s_free;
        if (cell != null)
        {
            s_free = cell->NextFree;
            cell->Object = obj;
            cell->Secondary = secondary;
            cell->Type = type;
            cell->NextFree = null;
        }
        InterruptState.Restore(interrupts);
        return (nint)cell;
    }

    public static void Free(nint handle)
    {
        Cell* cell = (Cell*)handle;
        ulong interrupts = InterruptState.Disable();
        cell->Object = 0;
        cell->Secondary = 0;
        cell->Type = TypeFree;
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

    /// <summary>Walks the cells in use: <c>for (var e = Cells(); e.MoveNext();) use(e.Current)</c>.</summary>
    public static CellEnumerator Cells() => new(s_blocks);

    public struct CellEnumerator
    {
        private Block* _block;
        private int _index;

        internal CellEnumerator(Block* first)
        {
            _block = first;
            _index = -1;
            Current = null;
        }

        public Cell* Current { get; private set; }

        public bool MoveNext()
        {
            while (_block != null)
            {
                while (++_index < CellsPerBlock)
                {
                    Cell* cell = CellsOf(_block) + _index;
                    if (cell->Type != TypeFree)
                    {
                        Current = cell;
                        return true;
                    }
                }
                _block = _block->Next;
                _index = -1;
            }
            Current = null;
            return false;
        }
    }

    // The block header comes first; the cells start at the next 32-byte boundary after it.
    private static Cell* CellsOf(Block* block) => (Cell*)(((nint)(block + 1) + 31) & ~(nint)31);

    private static bool Grow()
    {
        // The native heap keeps 16-byte alignment, so over-allocate to reach 32-byte alignment.
        var block = (Block*)NativeHeap.Allocate((nuint)(sizeof(Block) + 32 + CellsPerBlock * sizeof(Cell)));
        if (block == null)
            return false;
        block->Next = s_blocks;
        s_blocks = block;
        Cell* cells = CellsOf(block);
        for (int i = CellsPerBlock - 1; i >= 0; i--)
        {
            cells[i].Type = TypeFree;
            cells[i].NextFree = s_free;
            s_free = &cells[i];
        }
        return true;
    }
}
