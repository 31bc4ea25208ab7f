using Minnow.Runtime.Allocation;
using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed unsafe class GcDescriptorTests : IDisposable
{
    private readonly SyntheticTypes _types = new();
    private readonly NativeBlock _heap = new(4096, 16);

    public void Dispose()
    {
        _types.Dispose();
        _heap.Dispose();
    }

    private byte* Object(byte* methodTable, uint length = 0)
    {
        byte* obj = _heap.Start + 8;
        *(byte**)obj = methodTable;
        *(uint*)(obj + ObjectLayout.LengthOffset) = length;
        return obj;
    }

    private static List<long> Walk(byte* obj)
    {
        var recorder = new SlotRecorder(obj);
        GcDescriptor.VisitReferences(obj, ObjectLayout.ObjectSize(obj), ref recorder);
        return recorder.Offsets;
    }

    [Fact]
    public void ObjectWithoutPointersHasNoSlots()
    {
        byte* obj = Object(_types.Plain(40));
        Assert.Empty(Walk(obj));
    }

    [Fact]
    public void PlainObjectSeriesCoverTheirRuns()
    {
        // 64 bytes: a reference at +8, three at +24..+48.
        byte* obj = Object(_types.WithReferences(64, (24, 3), (8, 1)));
        Assert.Equal(new long[] { 24, 32, 40, 8 }, Walk(obj));
    }

    [Fact]
    public void ReferenceArraySeriesCoversEveryElement()
    {
        byte* obj = Object(_types.ReferenceArray(), length: 5);
        Assert.Equal(64UL, ObjectLayout.ObjectSize(obj));
        Assert.Equal(new long[] { 16, 24, 32, 40, 48 }, Walk(obj));
    }

    [Fact]
    public void EmptyReferenceArrayHasNoSlots()
    {
        byte* obj = Object(_types.ReferenceArray(), length: 0);
        Assert.Empty(Walk(obj));
    }

    [Fact]
    public void StructArrayRepeatsThePatternPerElement()
    {
        // Element of 32 bytes: reference, long, reference, reference.
        byte* obj = Object(_types.StructArray(32, 16, (1, 8), (2, 0)), length: 3);
        Assert.Equal(24UL + 96, ObjectLayout.ObjectSize(obj));
        Assert.Equal(new long[] { 16, 32, 40, 48, 64, 72, 80, 96, 104 }, Walk(obj));
    }

    [Fact]
    public void StructArrayWithLeadingPrimitiveStartsAtTheFirstReference()
    {
        // Element of 24 bytes: int + padding, reference, long: first run at 16 + 8, then skip 16 to the next element's reference.
        byte* obj = Object(_types.StructArray(24, 24, (1, 16)), length: 2);
        Assert.Equal(new long[] { 24, 48 }, Walk(obj));
    }

    [Fact]
    public void SeriesOutsideTheObjectAreIgnoredOrClipped()
    {
        // Offset past the object: ignored. Run longer than the object: clipped at its end (32 - 8 header = +24).
        byte* mt = _types.Make(ObjectLayout.HasPointersFlag, 32, 0, [2UL, 400UL, 0UL, 8UL, 1000UL]);
        byte* obj = Object(mt);
        Assert.Equal(new long[] { 8, 16 }, Walk(obj));
    }

    [Fact]
    public void RepeatingPatternThatDoesNotAdvanceStops()
    {
        byte* mt = _types.StructArray(8, 16, (0, 0));
        byte* obj = Object(mt, length: 4);
        Assert.Empty(Walk(obj));
    }

    [Fact]
    public void FinalizerAddressFollowsTheOptionalRelativePointers()
    {
        // 2 vtable slots, 1 interface, a dispatch map: the finalizer's relative pointer sits at
        // 24 + 16 + 8 + 4 (type manager) + 4 (writable data) + 4 (dispatch map) = 60.
        byte* mt = _types.Make(ObjectLayout.HasFinalizerFlag | ObjectLayout.HasDispatchMapFlag, 24, 0, []);
        *(ushort*)(mt + 16) = 2;
        *(ushort*)(mt + 18) = 1;
        *(int*)(mt + 60) = 0x1234;
        Assert.Equal((nint)(mt + 60 + 0x1234), (nint)ObjectLayout.FinalizerCode(mt));
    }

    [Fact]
    public void FinalizerAddressWithoutDispatchMap()
    {
        byte* mt = _types.Make(ObjectLayout.HasFinalizerFlag, 24, 0, []);
        *(ushort*)(mt + 16) = 3;
        *(int*)(mt + 56) = -40;
        Assert.Equal((nint)(mt + 56 - 40), (nint)ObjectLayout.FinalizerCode(mt));
        Assert.True(ObjectLayout.FinalizerCode(_types.Plain(24)) == null);
    }

    [Fact]
    public void ObjectSizesRoundUpAndHonourTheMinimum()
    {
        byte* obj = Object(_types.PrimitiveArray(2), length: 3);
        Assert.Equal(32UL, ObjectLayout.ObjectSize(obj));
        obj = Object(_types.Plain(16));
        Assert.Equal(24UL, ObjectLayout.ObjectSize(obj));
    }
}
