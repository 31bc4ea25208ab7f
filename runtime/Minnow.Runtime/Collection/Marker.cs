using System.Runtime.CompilerServices;
using Minnow.Kernel;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The mark phase's primitives: marking an object from a precise reference (statics, handles,
/// fields: it must be exactly an object or lie outside the heap) or from a conservative word (any
/// value; it counts only when it points into an allocated object, interior pointers included), and
/// draining the mark stack by tracing each marked object's references through its GCDesc.
/// References outside the heap (frozen objects, the image's data, native memory) are never followed.
/// </summary>
internal static unsafe class Marker
{
    private const ulong StackChunkBytes = 64 * 1024;
    private static MarkStack s_stack;

    public static bool Initialize()
    {
        ulong pages = StackChunkBytes / PhysicalMemory.PageSize;
        ulong first = PhysicalMemory.AllocatePages(pages);
        if (first == 0)
            return false;
        s_stack.Initialize((void*)first, StackChunkBytes, &AllocateChunk, &FreeChunk);
        return true;
    }

    /// <summary>Marks the object <paramref name="reference"/> refers to, if it is a heap object.</summary>
    public static void MarkReference(nint reference)
    {
        if (reference == 0)
            return;
        SmallSegment* segment = SmallObjectSpace.SegmentOf((nuint)reference);
        if (segment != null)
        {
            int marked = SmallSegment.TryMarkObject(segment, (byte*)reference);
            if (marked > 0)
                Push((byte*)reference);
            else if (marked < 0 && GcSettings.VerifyHeap)
                Panic.Fail("gcverify: a precise reference points into the heap but not at an allocated object");
            return;
        }
        if (LargeObjectSpace.InRange((nuint)reference) && LargeObjectSpace.IsObject((nuint)reference) && LargeObjectSpace.TryMark((byte*)reference))
            Push((byte*)reference);
    }

    /// <summary>Marks the object a stack or register word points into, if it points into one.</summary>
    public static void MarkConservatively(nuint word)
    {
        byte* obj;
        SmallSegment* segment = SmallObjectSpace.SegmentOf(word);
        if (segment != null)
        {
            obj = SmallSegment.FindObject(segment, (byte*)word, LargeObjectSpace.Threshold);
            if (obj != null && SmallSegment.TryMark(segment, obj))
                Push(obj);
            return;
        }
        if (!LargeObjectSpace.InRange(word))
            return;
        obj = LargeObjectSpace.FindObject(word);
        if (obj != null && LargeObjectSpace.TryMark(obj))
            Push(obj);
    }

    /// <summary>
    /// Whether the object survives the collection so far. Addresses outside the heap (frozen or
    /// static objects) always live.
    /// </summary>
    public static bool IsLive(nint reference)
    {
        SmallSegment* segment = SmallObjectSpace.SegmentOf((nuint)reference);
        if (segment != null)
            return SmallSegment.IsMarked(segment, (byte*)reference);
        if (LargeObjectSpace.InRange((nuint)reference) && LargeObjectSpace.IsObject((nuint)reference))
            return LargeObjectSpace.IsMarked((byte*)reference);
        return true;
    }

    /// <summary>Traces until every marked object's references are marked too.</summary>
    public static void Drain()
    {
        var tracer = new ReferenceMarker();
        while (true)
        {
            while (s_stack.TryPop(out nint obj))
                GcDescriptor.VisitReferences((byte*)obj, ObjectLayout.ObjectSize((void*)obj), ref tracer);
            if (!s_stack.Overflowed)
                return;
            // Some marked objects were not traced for lack of memory: trace every marked object again.
            s_stack.Overflowed = false;
            var rescan = new MarkedObjectTracer();
            SmallObjectSpace.VisitObjects(markedOnly: true, ref rescan);
            LargeObjectSpace.VisitObjects(markedOnly: true, ref rescan);
        }
    }

    /// <summary>Marks every object <paramref name="obj"/> refers to (for tracing later by <see cref="Drain"/>).</summary>
    public static void MarkReferencesOf(byte* obj)
    {
        var tracer = new ReferenceMarker();
        GcDescriptor.VisitReferences(obj, ObjectLayout.ObjectSize(obj), ref tracer);
    }

    /// <summary>Marks what <paramref name="obj"/> refers to from its slots in dirty cards (a large old object's remembered references).</summary>
    public static void MarkReferencesInDirtyCards(byte* obj)
    {
        var tracer = new DirtyCardReferenceMarker();
        GcDescriptor.VisitReferences(obj, ObjectLayout.ObjectSize(obj), ref tracer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Push(byte* obj)
    {
        if (ObjectLayout.HasPointers(ObjectLayout.MethodTableOf(obj)))
            s_stack.Push((nint)obj);
    }

    private static void* AllocateChunk(ulong bytes) => (void*)PhysicalMemory.AllocatePages(bytes / PhysicalMemory.PageSize);

    private static void FreeChunk(void* chunk, ulong bytes) => PhysicalMemory.FreePages((ulong)chunk, bytes / PhysicalMemory.PageSize);

    private struct ReferenceMarker : IReferenceVisitor
    {
        public void Visit(nint* slot) => MarkReference(*slot);
    }

    private struct DirtyCardReferenceMarker : IReferenceVisitor
    {
        public void Visit(nint* slot)
        {
            if (CardTable.IsDirty((ulong)slot))
                MarkReference(*slot);
        }
    }

    private struct MarkedObjectTracer : IObjectVisitor
    {
        public void Visit(byte* obj) => MarkReferencesOf(obj);
    }
}
