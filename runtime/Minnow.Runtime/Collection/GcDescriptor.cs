using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Decodes the GCDesc ilc emits below a MethodTable whose type has HasPointers (the layout of
/// dotnet/runtime's gcdesc.h, see shared/notes/gc-and-threads.md). The word at MT-8 is the series
/// count. Positive: that many {size, offset} pairs lie below it (the highest at MT-24), each a run of
/// references at object+offset whose length is size plus the object's total size (sizes are stored
/// minus the base size, so one series also covers every element of a reference array). Negative: an
/// array of structs; the offset of the first element's first run is at MT-16 and -count
/// {u32 references, u32 bytes to skip} items (index 0 at MT-24, going down) repeat per element until
/// the object ends. Pure memory reads: the host tests run it over synthetic MethodTables.
/// </summary>
internal static unsafe class GcDescriptor
{
    /// <summary>
    /// Calls <paramref name="visitor"/> for every reference slot of <paramref name="obj"/>, whose size
    /// (header included) is <paramref name="objectSize"/>. Runs that the descriptor places outside
    /// the object are clipped to it, and a repeating pattern that would not advance stops, so a
    /// damaged descriptor cannot send the collector outside the object or into an endless loop.
    /// </summary>
    public static void VisitReferences<TVisitor>(byte* obj, ulong objectSize, ref TVisitor visitor)
        where TVisitor : struct, IReferenceVisitor
    {
        byte* methodTable = (byte*)ObjectLayout.MethodTableOf(obj);
        if (!ObjectLayout.HasPointers(methodTable))
            return;
        // The object spans [obj - header, obj - header + size): its fields end size - header bytes after obj.
        nint* objectEnd = (nint*)(obj + objectSize - ObjectLayout.HeaderSize);
        long seriesCount = *(long*)(methodTable - 8);
        if (seriesCount > 0)
        {
            byte* series = methodTable - 8 - 16;
            for (long i = 0; i < seriesCount; i++, series -= 16)
            {
                ulong length = *(ulong*)series + objectSize;
                ulong offset = *(ulong*)(series + 8);
                if (offset >= objectSize)
                    continue;
                nint* slot = (nint*)(obj + offset);
                nint* end = length > objectSize ? objectEnd : (nint*)((byte*)slot + length);
                if (end > objectEnd)
                    end = objectEnd;
                for (; slot < end; slot++)
                    visitor.Visit(slot);
            }
            return;
        }
        if (seriesCount == 0)
            return;

        long itemCount = -seriesCount;
        byte* firstItem = methodTable - 8 - 16;
        byte* cursor = obj + *(ulong*)(methodTable - 16);
        while (cursor < (byte*)objectEnd)
        {
            byte* elementStart = cursor;
            for (long i = 0; i < itemCount; i++)
            {
                uint references = *(uint*)(firstItem - 8 * i);
                uint skip = *(uint*)(firstItem - 8 * i + 4);
                nint* slot = (nint*)cursor;
                nint* end = slot + references;
                if (end > objectEnd)
                    end = objectEnd;
                for (; slot < end; slot++)
                    visitor.Visit(slot);
                cursor += references * 8UL + skip;
            }
            if (cursor == elementStart)
                return;
        }
    }
}
