using System.Runtime.CompilerServices;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Allocation;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Objects of <see cref="Threshold"/> bytes and more: each gets a run of pages of its own, prefixed
/// by 16 bytes (page count, mark flag) before its header word, and goes back to the page allocator
/// when it dies. The runs are kept sorted by address so a stack word or reference is matched to its
/// object by binary search. Large objects are never moved.
/// </summary>
internal static unsafe class LargeObjectSpace
{
    public const ulong Threshold = 32 * 1024;
    private const ulong PrefixSize = 16;

    private struct Run
    {
        public ulong Pages;
        public ulong Marked;
    }

    private static Run** s_runs;
    private static ulong s_count;
    private static ulong s_capacity;
    private static ulong s_lowest = ulong.MaxValue;
    private static ulong s_highest;

    /// <summary>Bytes of pages the large objects hold.</summary>
    public static ulong Bytes { get; private set; }

    /// <summary>Zeroed memory for an object of <paramref name="size"/> bytes (its header word first), or null.</summary>
    public static byte* Allocate(ulong size)
    {
        if (s_count == s_capacity && !Grow())
            return null;
        ulong pages = (PrefixSize + size + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong physical = PhysicalMemory.AllocatePages(pages);
        if (physical == 0)
            return null;
        ulong memory = HeapAddressSpace.FromPhysical(physical);
        var run = (Run*)memory;
        run->Pages = pages;
        ulong index = LowerBound((ulong)run);
        for (ulong i = s_count; i > index; i--)
            s_runs[i] = s_runs[i - 1];
        s_runs[index] = run;
        s_count++;
        Bytes += pages * PhysicalMemory.PageSize;
        if (memory < s_lowest)
            s_lowest = memory;
        if (memory + pages * PhysicalMemory.PageSize > s_highest)
            s_highest = memory + pages * PhysicalMemory.PageSize;
        return (byte*)run + PrefixSize;
    }

    /// <summary>True when <paramref name="address"/> may be in a large object: a cheap range test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InRange(nuint address) => address >= s_lowest && address < s_highest;

    /// <summary>The object whose memory (header word included) contains <paramref name="address"/>, or null.</summary>
    public static byte* FindObject(nuint address)
    {
        Run* run = RunAtOrBelow(address);
        if (run == null)
            return null;
        byte* unit = (byte*)run + PrefixSize;
        byte* obj = unit + ObjectLayout.HeaderSize;
        return (byte*)address >= unit && (byte*)address < unit + ObjectLayout.ObjectSize(obj) ? obj : null;
    }

    public static bool IsObject(nuint obj)
    {
        Run* run = RunAtOrBelow(obj);
        return run != null && (byte*)obj == (byte*)run + PrefixSize + ObjectLayout.HeaderSize;
    }

    /// <summary>Marks <paramref name="obj"/> (a large object); false when it already was.</summary>
    public static bool TryMark(byte* obj)
    {
        Run* run = RunOf(obj);
        if (run->Marked != 0)
            return false;
        run->Marked = 1;
        return true;
    }

    public static bool IsMarked(byte* obj) => RunOf(obj)->Marked != 0;

    public static void ClearMarks()
    {
        for (ulong i = 0; i < s_count; i++)
            s_runs[i]->Marked = 0;
    }

    /// <summary>Frees every unmarked object's pages; returns the bytes of the survivors.</summary>
    public static ulong Sweep()
    {
        ulong kept = 0;
        ulong live = 0;
        for (ulong i = 0; i < s_count; i++)
        {
            Run* run = s_runs[i];
            if (run->Marked != 0)
            {
                s_runs[kept++] = run;
                live += ObjectLayout.ObjectSize((byte*)run + PrefixSize + ObjectLayout.HeaderSize);
                continue;
            }
            Bytes -= run->Pages * PhysicalMemory.PageSize;
            PhysicalMemory.FreePages(HeapAddressSpace.ToPhysical((ulong)run), run->Pages);
        }
        s_count = kept;
        return live;
    }

    public static void VisitObjects<TVisitor>(bool markedOnly, ref TVisitor visitor) where TVisitor : struct, IObjectVisitor
    {
        for (ulong i = 0; i < s_count; i++)
        {
            Run* run = s_runs[i];
            if (!markedOnly || run->Marked != 0)
                visitor.Visit((byte*)run + PrefixSize + ObjectLayout.HeaderSize);
        }
    }

    /// <summary>The pages <paramref name="obj"/> (a large object) occupies: where they start and how many bytes.</summary>
    public static ulong PagesOf(byte* obj, out ulong bytes)
    {
        Run* run = RunOf(obj);
        bytes = run->Pages * PhysicalMemory.PageSize;
        return (ulong)run;
    }

    private static Run* RunOf(byte* obj) => (Run*)(obj - ObjectLayout.HeaderSize - PrefixSize);

    private static Run* RunAtOrBelow(nuint address)
    {
        if (!InRange(address))
            return null;
        ulong index = LowerBound((ulong)address + 1);
        if (index == 0)
            return null;
        Run* run = s_runs[index - 1];
        return address < (ulong)run + run->Pages * PhysicalMemory.PageSize ? run : null;
    }

    /// <summary>The index of the first run whose address is at least <paramref name="address"/>.</summary>
    private static ulong LowerBound(ulong address)
    {
        ulong low = 0, high = s_count;
        while (low < high)
        {
            ulong middle = (low + high) / 2;
            if ((ulong)s_runs[middle] < address)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private static bool Grow()
    {
        ulong capacity = s_capacity == 0 ? 64 : s_capacity * 2;
        var runs = (Run**)NativeHeap.Reallocate(s_runs, (nuint)(capacity * (ulong)sizeof(Run*)));
        if (runs == null)
            return false;
        s_runs = runs;
        s_capacity = capacity;
        return true;
    }
}
