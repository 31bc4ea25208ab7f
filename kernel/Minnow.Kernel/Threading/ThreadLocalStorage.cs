using Minnow.Kernel.Boot;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Memory;

namespace Minnow.Kernel.Threading;

/// <summary>
/// ELF thread-local storage, x86-64 variant II: ld.lld turned every TLS access into an %fs-relative
/// one, so each thread needs a copy of the TLS image just below its thread pointer, the word at the
/// thread pointer pointing to itself, and IA32_FS_BASE holding it. The linker script aligns the image
/// start and size to 64, which makes the block start exactly thread pointer minus image size.
/// </summary>
public static unsafe class ThreadLocalStorage
{
    private const uint FsBaseMsr = 0xC000_0100;
    internal const ulong ControlBlockSize = 64;

    public static ulong BlockSize => LinkerSymbols.TlsEnd() - LinkerSymbols.TlsStart() + ControlBlockSize;

    /// <summary>Initialises a block at <paramref name="block"/> (BlockSize bytes, 64-aligned) and returns its thread pointer.</summary>
    public static ulong InitializeBlock(ulong block)
    {
        ulong start = LinkerSymbols.TlsStart();
        ulong size = LinkerSymbols.TlsEnd() - start;
        Buffer.MemoryCopy((void*)start, (void*)block, size, size);
        ulong threadPointer = block + size;
        new Span<byte>((void*)threadPointer, (int)ControlBlockSize).Clear();
        *(ulong*)threadPointer = threadPointer;
        return threadPointer;
    }

    public static void Activate(ulong threadPointer) => CpuInstructions.WriteMsr(FsBaseMsr, threadPointer);

    /// <summary>The running thread's thread pointer (IA32_FS_BASE).</summary>
    public static ulong CurrentThreadPointer => CpuInstructions.ReadMsr(FsBaseMsr);

    /// <summary>Sets up TLS for the boot thread from fresh pages; false when memory ran out.</summary>
    public static bool InitializeBootThread()
    {
        ulong block = PhysicalMemory.AllocatePages((BlockSize + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize);
        if (block == 0)
            return false;
        Activate(InitializeBlock(block));
        return true;
    }
}
