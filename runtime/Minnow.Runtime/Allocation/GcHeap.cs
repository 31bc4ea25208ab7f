using Minnow.Kernel;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// The managed heap: objects are bump-allocated from chunks (growing to 4 MiB) of zeroed physical pages; large
/// objects get pages of their own. Nothing is collected yet (the collector is the runtime's next
/// milestone), so memory only grows; <see cref="AllocatedBytes"/> says by how much.
/// </summary>
internal static unsafe class GcHeap
{
    // Chunks start small (zeroing pages costs boot time, especially under TCG) and double up to 4 MiB.
    private const ulong FirstChunkPages = 32;
    private const ulong MaxChunkPages = 1024;
    private static ulong s_chunkPages = FirstChunkPages;
    private const ulong LargeObjectBytes = 1 << 20;

    private static byte* s_next;
    private static byte* s_limit;

    public static ulong AllocatedBytes { get; private set; }

    /// <summary>Zeroed memory for an object of <paramref name="size"/> bytes (header included), or null.</summary>
    public static byte* Allocate(ulong size)
    {
        // The bump pointer is shared by every thread: interrupts off, so no switch can split an allocation.
        ulong interrupts = InterruptState.Disable();
        byte* result = AllocateExclusive(size);
        InterruptState.Restore(interrupts);
        return result;
    }

    private static byte* AllocateExclusive(ulong size)
    {
        size = (size + 7) & ~7UL;
        if (size < ObjectLayout.MinimumObjectSize)
            size = ObjectLayout.MinimumObjectSize;
        if (size >= LargeObjectBytes)
        {
            ulong block = PhysicalMemory.AllocatePages((size + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize);
            if (block != 0)
                AllocatedBytes += size;
            return (byte*)block;
        }
        if (s_next + size > s_limit)
        {
            if (s_chunkPages == 0)
                s_chunkPages = FirstChunkPages;
            ulong chunk = PhysicalMemory.AllocatePages(s_chunkPages);
            if (chunk == 0)
                return null;
            s_next = (byte*)chunk;
            s_limit = s_next + s_chunkPages * PhysicalMemory.PageSize;
            if (s_chunkPages < MaxChunkPages)
                s_chunkPages *= 2;
        }
        byte* result = s_next;
        s_next += size;
        AllocatedBytes += size;
        return result;
    }

    /// <summary>Allocates and stamps an object; returns the object reference (MethodTable pointer address), or null when the heap is exhausted.</summary>
    public static void* NewObject(void* methodTable, ulong size)
    {
        byte* memory = Allocate(size);
        if (memory == null)
            return null;
        void* obj = memory + ObjectLayout.HeaderSize;
        *(void**)obj = methodTable;
        return obj;
    }

    /// <summary>Like <see cref="NewObject"/>, and stores the length; null when the heap is exhausted.</summary>
    public static void* NewArray(void* methodTable, ulong length, ulong size)
    {
        void* array = NewObject(methodTable, size);
        if (array != null)
            *(uint*)((byte*)array + ObjectLayout.LengthOffset) = (uint)length;
        return array;
    }
}
