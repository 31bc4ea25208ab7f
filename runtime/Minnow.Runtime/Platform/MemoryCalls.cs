using System.Runtime.InteropServices;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Platform;

/// <summary>
/// Native memory for the class library: malloc and friends from <see cref="NativeHeap"/>, and
/// anonymous mmap as zeroed physical pages (memory is identity-mapped; there is no address space
/// to reserve apart from what is backed).
/// </summary>
internal static unsafe class MemoryCalls
{
    private const int ProtNone = 0;
    // System.Native's PAL value (PAL_MAP_ANONYMOUS), not Linux's MAP_ANONYMOUS (0x20).
    private const int MapAnonymous = 0x10;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Malloc")]
    private static void* Malloc(nuint size) => NativeHeap.Allocate(size);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Calloc")]
    private static void* Calloc(nuint count, nuint size) => NativeHeap.AllocateZeroed(count, size);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Realloc")]
    private static void* Realloc(void* pointer, nuint size) => NativeHeap.Reallocate(pointer, size);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Free")]
    private static void Free(void* pointer) => NativeHeap.Free(pointer);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_AlignedAlloc")]
    private static void* AlignedAlloc(nuint alignment, nuint size)
    {
        if (alignment <= 16)
            return NativeHeap.Allocate(size);
        if (alignment > PhysicalMemory.PageSize)
            return null;
        return NativeHeap.Allocate(size < 4096 ? 4096 : size);   // large blocks start 16 bytes into a page
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_AlignedFree")]
    private static void AlignedFree(void* pointer) => NativeHeap.Free(pointer);

    /// <summary>Fails with NULL, not MAP_FAILED: System.Native's MMap turns MAP_FAILED into NULL, and
    /// CoreLib (the frozen object heap's reserve, for one) checks for NULL.</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_MMap")]
    private static void* MMap(void* address, ulong length, int protection, int flags, nint fd, long offset)
    {
        if ((flags & MapAnonymous) == 0 || length == 0)
        {
            Errno.Current = Errno.ENOSYS;
            return null;
        }
        ulong block = PhysicalMemory.AllocatePages((length + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize);
        if (block == 0)
        {
            Errno.Current = Errno.ENOMEM;
            return null;
        }
        return (void*)block;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_MUnmap")]
    private static int MUnmap(void* address, ulong length)
    {
        PhysicalMemory.FreePages((ulong)address, (length + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize);
        return 0;
    }

    // Pages stay readable and writable; protection changes are accepted and not enforced.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_MProtect")]
    private static int MProtect(void* address, ulong length, int protection) => 0;
}
