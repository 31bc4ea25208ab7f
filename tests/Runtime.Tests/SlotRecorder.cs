using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

/// <summary>Records the slot offsets (from the object reference) a GCDesc walk visits.</summary>
internal unsafe struct SlotRecorder : IReferenceVisitor
{
    private readonly byte* _obj;

    public SlotRecorder(byte* obj)
    {
        _obj = obj;
        Offsets = new List<long>();
    }

    public List<long> Offsets { get; }

    public void Visit(nint* slot) => Offsets.Add((byte*)slot - _obj);
}
