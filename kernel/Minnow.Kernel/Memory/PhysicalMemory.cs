using Minnow.Kernel.Boot;
using Minnow.Kernel.Console;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Memory;

/// <summary>
/// Physical page allocator: one bit per 4 KiB page of RAM below the highest usable address, set when
/// the page is taken. RAM comes from the loader's memory map; the first MiB, the image and the bitmap
/// itself are taken from the start. Threads share it: the bitmap is changed only with interrupts off
/// (one CPU, so that excludes every other thread); pages are zeroed after, with interrupts on again.
/// </summary>
public static unsafe class PhysicalMemory
{
    public const ulong PageSize = 4096;

    private static ulong* s_bitmap;
    private static ulong s_pageCount;
    private static ulong s_searchHint;
    private static ulong s_freePages;

    /// <summary>Bytes of usable RAM the memory map reported.</summary>
    public static ulong TotalBytes { get; private set; }

    /// <summary>The end of the highest RAM range (for the identity map).</summary>
    public static ulong HighestAddress { get; private set; }

    public static ulong FreeBytes => s_freePages * PageSize;

    public static bool Initialize(ulong imageEnd)
    {
        int entries = BootInfo.MemoryMapEntryCount;
        if (entries == 0)
            return false;
        for (int i = 0; i < entries; i++)
        {
            var e = BootInfo.MemoryMapEntry(i);
            if (e.Type != PvhMemoryMapEntry.TypeRam)
                continue;
            TotalBytes += e.Size;
            if (e.Address + e.Size > HighestAddress)
                HighestAddress = e.Address + e.Size;
        }
        s_pageCount = HighestAddress / PageSize;
        ulong bitmapBytes = (s_pageCount + 63) / 64 * 8;

        // Place the bitmap in the first RAM range above the image that can hold it.
        ulong bitmapAddress = 0;
        for (int i = 0; i < entries && bitmapAddress == 0; i++)
        {
            var e = BootInfo.MemoryMapEntry(i);
            if (e.Type != PvhMemoryMapEntry.TypeRam)
                continue;
            ulong start = AlignUp(e.Address > imageEnd ? e.Address : imageEnd);
            if (start + bitmapBytes <= e.Address + e.Size)
                bitmapAddress = start;
        }
        if (bitmapAddress == 0)
            return false;
        s_bitmap = (ulong*)bitmapAddress;

        // Everything starts taken; usable ranges are then released page by page.
        for (ulong w = 0; w < bitmapBytes / 8; w++)
            s_bitmap[w] = ulong.MaxValue;
        s_freePages = 0;
        ulong reservedEnd = AlignUp(bitmapAddress + bitmapBytes);
        for (int i = 0; i < entries; i++)
        {
            var e = BootInfo.MemoryMapEntry(i);
            if (e.Type != PvhMemoryMapEntry.TypeRam)
                continue;
            ulong first = AlignUp(e.Address) / PageSize;
            ulong end = (e.Address + e.Size) / PageSize;
            // Below the bitmap's end lie the first MiB (firmware, loader data), the image and the bitmap.
            if (first < reservedEnd / PageSize)
                first = reservedEnd / PageSize;
            ReleaseRange(first, end);
        }
        return true;
    }

    /// <summary>Allocates <paramref name="count"/> contiguous zeroed pages; 0 when none are left.</summary>
    public static ulong AllocatePages(ulong count)
    {
        ulong interrupts = InterruptState.Disable();
        ulong address = TakePages(count);
        InterruptState.Restore(interrupts);
        if (address != 0)
            new Span<byte>((void*)address, checked((int)(count * PageSize))).Clear();
        return address;
    }

    private static ulong TakePages(ulong count)
    {
        ulong run = 0;
        for (ulong pass = 0; pass < 2; pass++)
        {
            ulong start = pass == 0 ? s_searchHint : 0;
            run = 0;
            for (ulong page = start; page < s_pageCount; page++)
            {
                if (IsTaken(page))
                {
                    run = 0;
                    continue;
                }
                run++;
                if (run == count)
                {
                    ulong first = page + 1 - count;
                    for (ulong p = first; p <= page; p++)
                        Take(p);
                    s_searchHint = page + 1;
                    return first * PageSize;
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// Allocates <paramref name="count"/> contiguous zeroed pages whose first page number is a multiple of
    /// <paramref name="alignmentPages"/> (a power of two); 0 when no such run is free. The collector's
    /// segments use it so that masking an address finds its segment.
    /// </summary>
    public static ulong AllocateAlignedPages(ulong count, ulong alignmentPages)
    {
        if (count == 0 || alignmentPages == 0 || (alignmentPages & (alignmentPages - 1)) != 0)
            return 0;
        ulong interrupts = InterruptState.Disable();
        ulong address = TakeAlignedPages(count, alignmentPages);
        InterruptState.Restore(interrupts);
        if (address != 0)
            new Span<byte>((void*)address, checked((int)(count * PageSize))).Clear();
        return address;
    }

    private static ulong TakeAlignedPages(ulong count, ulong alignmentPages)
    {
        for (ulong pass = 0; pass < 2; pass++)
        {
            ulong first = pass == 0 ? (s_searchHint + alignmentPages - 1) & ~(alignmentPages - 1) : 0;
            for (; first + count <= s_pageCount; first += alignmentPages)
            {
                if (!IsRunFree(first, count))
                    continue;
                for (ulong p = first; p < first + count; p++)
                    Take(p);
                if (first == s_searchHint)
                    s_searchHint = first + count;
                return first * PageSize;
            }
        }
        return 0;
    }

    public static void FreePages(ulong address, ulong count)
    {
        ulong interrupts = InterruptState.Disable();
        for (ulong p = address / PageSize; p < address / PageSize + count; p++)
        {
            if (!IsTaken(p))
                Panic.Fail("PhysicalMemory.FreePages: page freed twice");
            Release(p);
        }
        if (address / PageSize < s_searchHint)
            s_searchHint = address / PageSize;
        InterruptState.Restore(interrupts);
    }

    public static ulong AlignUp(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);

    /// <summary>Frees pages [first, end): whole 64-page words at once, so boot stays fast under TCG.</summary>
    private static void ReleaseRange(ulong first, ulong end)
    {
        ulong page = first;
        while (page < end && page % 64 != 0)
            Release(page++);
        while (page + 64 <= end)
        {
            s_bitmap[page / 64] = 0;
            s_freePages += 64;
            page += 64;
        }
        while (page < end)
            Release(page++);
    }

    private static bool IsRunFree(ulong first, ulong count)
    {
        for (ulong page = first; page < first + count; page++)
        {
            // A whole free bitmap word covers 64 pages at once.
            if (page % 64 == 0 && page + 64 <= first + count && s_bitmap[page / 64] == 0)
            {
                page += 63;
                continue;
            }
            if (IsTaken(page))
                return false;
        }
        return true;
    }

    private static bool IsTaken(ulong page) => (s_bitmap[page / 64] & (1UL << (int)(page % 64))) != 0;

    private static void Take(ulong page)
    {
        s_bitmap[page / 64] |= 1UL << (int)(page % 64);
        s_freePages--;
    }

    private static void Release(ulong page)
    {
        s_bitmap[page / 64] &= ~(1UL << (int)(page % 64));
        s_freePages++;
    }
}
