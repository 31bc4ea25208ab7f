using Minnow.Kernel;
using Minnow.Kernel.Console;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The <c>gcverify</c> check, run after a sweep: every remaining object lies inside its segment
/// without overlapping the next one, and every reference field is null, outside the heap, or exactly
/// an allocated object. A failure means the collector freed something still referenced (or the heap
/// was corrupted), and fails the image on the spot with the addresses involved. Before a young
/// collection <see cref="VerifyRememberedSet"/> checks what the write barriers owe it.
/// </summary>
internal static unsafe class HeapVerifier
{
    /// <summary>
    /// Every reference from an old (marked) object to a young (allocated since, unmarked) one lies in a
    /// dirty card; a clean one means a store that bypassed the write barriers, and a young
    /// collection would free an object that is still referenced.
    /// </summary>
    public static void VerifyRememberedSet()
    {
        var objects = new OldObjectChecker();
        SmallObjectSpace.VisitObjects(markedOnly: true, ref objects);
        LargeObjectSpace.VisitObjects(markedOnly: true, ref objects);
    }

    private struct OldObjectChecker : IObjectVisitor
    {
        public void Visit(byte* obj)
        {
            var references = new RememberedReferenceChecker(obj);
            GcDescriptor.VisitReferences(obj, ObjectLayout.ObjectSize(obj), ref references);
        }
    }

    private readonly struct RememberedReferenceChecker : IReferenceVisitor
    {
        private readonly byte* _owner;

        public RememberedReferenceChecker(byte* owner) => _owner = owner;

        public void Visit(nint* slot)
        {
            nint value = *slot;
            // Before the young collection marks anything, an unmarked heap object is a young one.
            if (value != 0 && !CardTable.IsDirty((ulong)slot) && !Marker.IsLive(value))
                Fail("an old object refers to a young one through a clean card (a store without a write barrier)", _owner, (byte*)value);
        }
    }

    public static void Verify()
    {
        var objects = new ObjectChecker();
        SmallObjectSpace.VisitObjects(markedOnly: false, ref objects);
        LargeObjectSpace.VisitObjects(markedOnly: false, ref objects);
    }

    private struct ObjectChecker : IObjectVisitor
    {
        private SmallSegment* _segment;
        private byte* _previousEnd;

        public void Visit(byte* obj)
        {
            byte* unit = obj - ObjectLayout.HeaderSize;
            if (ObjectLayout.MethodTableOf(obj) == null)
                Fail("object without a MethodTable", obj, null);
            ulong size = ObjectLayout.ObjectSize(obj);
            SmallSegment* segment = SmallObjectSpace.SegmentOf((nuint)obj);
            if (segment != null)
            {
                if (segment != _segment)
                {
                    _segment = segment;
                    _previousEnd = SmallSegment.DataStart(segment);
                }
                if (unit < _previousEnd)
                    Fail("object overlaps the previous one", obj, _previousEnd);
                if (unit + size > SmallSegment.DataEnd(segment))
                    Fail("object runs past its segment", obj, unit + size);
                _previousEnd = unit + size;
            }
            var references = new ReferenceChecker(obj);
            GcDescriptor.VisitReferences(obj, size, ref references);
        }
    }

    private readonly struct ReferenceChecker : IReferenceVisitor
    {
        private readonly byte* _owner;

        public ReferenceChecker(byte* owner) => _owner = owner;

        public void Visit(nint* slot)
        {
            nint value = *slot;
            if (value == 0)
                return;
            SmallSegment* segment = SmallObjectSpace.SegmentOf((nuint)value);
            if (segment != null)
            {
                if (!SmallSegment.IsObject(segment, (byte*)value))
                    Fail("a field refers to a freed object or into the middle of one", _owner, (byte*)value);
                return;
            }
            if (LargeObjectSpace.InRange((nuint)value) && LargeObjectSpace.FindObject((nuint)value) != null && !LargeObjectSpace.IsObject((nuint)value))
                Fail("a field refers into the middle of a large object", _owner, (byte*)value);
        }
    }

    private static void Fail(string what, byte* obj, byte* other)
    {
        KernelLog.Write("gcverify: object ");
        KernelLog.WriteHex((ulong)obj);
        KernelLog.Write(" (MethodTable ");
        KernelLog.WriteHex((ulong)ObjectLayout.MethodTableOf(obj));
        KernelLog.Write("): ");
        KernelLog.Write(what);
        KernelLog.Write(", ");
        KernelLog.WriteHex((ulong)other);
        KernelLog.WriteLine();
        Panic.Fail("gcverify: heap corruption");
    }
}
