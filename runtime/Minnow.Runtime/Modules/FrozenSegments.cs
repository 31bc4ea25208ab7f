using Minnow.Kernel.Cpu;

namespace Minnow.Runtime.Modules;

/// <summary>The address ranges of frozen (never collected, never moved) objects.</summary>
internal static class FrozenSegments
{
    private const int Capacity = 64;
    private static int s_count;
    private static unsafe (nint Start, nint End)* s_segments;

    public static unsafe nint Register(nint start, nuint allocated, nuint reserved)
    {
        ulong interrupts = InterruptState.Disable();
        if (s_segments == null)
            s_segments = ((nint Start, nint End)*)Memory.NativeHeap.AllocateZeroed(Capacity, (nuint)sizeof((nint, nint)));
        bool full = s_segments == null || s_count == Capacity;
        if (!full)
            s_segments[s_count++] = (start, start + (nint)allocated);
        InterruptState.Restore(interrupts);
        return full ? 0 : start;
    }

    public static unsafe void Update(nint segment, nint allocated)
    {
        for (int i = 0; i < s_count; i++)
            if (s_segments[i].Start == segment)
                s_segments[i].End = allocated;
    }

    public static unsafe bool Contains(nint address)
    {
        for (int i = 0; i < s_count; i++)
            if (address >= s_segments[i].Start && address < s_segments[i].End)
                return true;
        return false;
    }
}
