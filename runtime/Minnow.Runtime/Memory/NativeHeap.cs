using Minnow.Kernel;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Memory;

/// <summary>
/// malloc/free for the class library's native allocations (NativeMemory, SystemNative_Malloc):
/// power-of-two size classes from 16 B to 2 KiB on free lists, larger blocks as whole pages.
/// Each block carries its size in a 16-byte header so free needs no size. Threads share it: the lists
/// change only with interrupts off (on one CPU that excludes every other thread; interrupt handlers
/// never allocate).
/// </summary>
internal static unsafe class NativeHeap
{
    private const int HeaderSize = 16;
    private const int ClassCount = 8;          // 16, 32, ..., 2048 bytes of payload
    private const ulong LargeFlag = 1UL << 63;

    private static void** s_freeLists;         // one list head per size class
    private static byte* s_carve;
    private static byte* s_carveEnd;

    public static void* Allocate(nuint size)
    {
        if (size == 0)
            size = 1;
        if (size > 2048)
            return AllocateLarge(size);
        int sizeClass = SizeClass(size);
        ulong interrupts = InterruptState.Disable();
        void* block = TakeSmall(sizeClass, out bool reused);
        InterruptState.Restore(interrupts);
        if (reused)
            new Span<byte>(block, 16 << sizeClass).Clear();
        return block;
    }

    private static void* TakeSmall(int sizeClass, out bool reused)
    {
        reused = false;
        if (s_freeLists == null && !Initialize())
            return null;
        void* head = s_freeLists[sizeClass];
        if (head != null)
        {
            s_freeLists[sizeClass] = *(void**)head;
            reused = true;
            return head;
        }
        ulong blockSize = (ulong)(HeaderSize + (16 << sizeClass));
        if (s_carve + blockSize > s_carveEnd)
        {
            ulong chunk = PhysicalMemory.AllocatePages(16);
            if (chunk == 0)
                return null;
            s_carve = (byte*)chunk;
            s_carveEnd = s_carve + 16 * PhysicalMemory.PageSize;
        }
        byte* block = s_carve;
        s_carve += blockSize;
        *(ulong*)block = (ulong)sizeClass;
        return block + HeaderSize;
    }

    public static void* AllocateZeroed(nuint count, nuint size)
    {
        ulong total = (ulong)count * size;
        if (size != 0 && total / size != count)
            return null;
        return Allocate((nuint)total);   // every path hands out zeroed memory
    }

    public static void Free(void* pointer)
    {
        if (pointer == null)
            return;
        byte* block = (byte*)pointer - HeaderSize;
        ulong header = *(ulong*)block;
        if ((header & LargeFlag) != 0)
        {
            PhysicalMemory.FreePages((ulong)block, header & ~LargeFlag);
            return;
        }
        if (header >= ClassCount)
            Panic.Fail("NativeHeap.Free: not a block from this heap (corrupt header)");
        ulong interrupts = InterruptState.Disable();
        *(void**)pointer = s_freeLists[header];
        s_freeLists[header] = pointer;
        InterruptState.Restore(interrupts);
    }

    public static void* Reallocate(void* pointer, nuint size)
    {
        if (pointer == null)
            return Allocate(size);
        ulong header = *(ulong*)((byte*)pointer - HeaderSize);
        ulong capacity = (header & LargeFlag) != 0
            ? (header & ~LargeFlag) * PhysicalMemory.PageSize - HeaderSize
            : 16UL << (int)header;
        if (size <= capacity)
            return pointer;
        void* moved = Allocate(size);
        if (moved == null)
            return null;
        Buffer.MemoryCopy(pointer, moved, (long)size, (long)capacity);
        Free(pointer);
        return moved;
    }

    private static void* AllocateLarge(nuint size)
    {
        ulong pages = ((ulong)size + HeaderSize + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong block = PhysicalMemory.AllocatePages(pages);
        if (block == 0)
            return null;
        *(ulong*)block = pages | LargeFlag;
        return (byte*)block + HeaderSize;
    }

    private static bool Initialize()
    {
        ulong page = PhysicalMemory.AllocatePages(1);
        s_freeLists = (void**)page;
        return page != 0;
    }

    private static int SizeClass(nuint size)
    {
        int sizeClass = 0;
        while ((nuint)(16 << sizeClass) < size)
            sizeClass++;
        return sizeClass;
    }
}
