namespace Minnow.Runtime.Modules;

/// <summary>The address ranges of frozen (never collected, never moved) objects.</summary>
internal static class FrozenSegments
{
    private const int Capacity = 64;
    private static int s_count;
    private static unsafe (nint Start, nint End)* s_segments;

    public static unsafe nint Register(nint start, nuint allocated, nuint reserved)
    {
        if (s_segments == null)
            s_segments = ((nint Start, nint End)*)Memory.NativeHeap.AllocateZeroed(Capacity, (nuint)sizeof((nint, nint)));
        if (s_segments == null || s_count == Capacity)
            return 0;
        s_segments[s_count++] = (start, start + (nint)allocated);
        return start;
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
