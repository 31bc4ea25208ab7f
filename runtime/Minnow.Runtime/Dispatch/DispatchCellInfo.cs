using System.Runtime.InteropServices;

namespace Minnow.Runtime.Dispatch;

/// <summary>CoreLib's view of an interface dispatch cell (0x20 bytes; layout shared with CoreLib 10.0.12).</summary>
[StructLayout(LayoutKind.Explicit, Size = 0x20)]
internal struct DispatchCellInfo
{
    public const int InterfaceAndSlot = 0;
    public const int MetadataToken = 1;
    public const int VTableOffset = 2;

    [FieldOffset(0x00)] public int CellType;
    [FieldOffset(0x08)] public nint InterfaceType;
    [FieldOffset(0x10)] public ushort InterfaceSlot;
    [FieldOffset(0x12)] public byte HasCache;
    [FieldOffset(0x14)] public uint Token;
    [FieldOffset(0x18)] public uint Offset;
}
