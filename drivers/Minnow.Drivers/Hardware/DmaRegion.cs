using Minnow.Kernel.Memory;

namespace Minnow.Drivers.Hardware;

/// <summary>
/// Memory a device reads or writes by DMA: whole pages from the kernel's page allocator, never the
/// GC heap, zeroed, identity-mapped (so the physical address the device gets is the address the
/// driver reads). Which side may touch a part of it at a given moment is the virtqueue's business;
/// this type only keeps every access inside the region.
/// </summary>
public sealed unsafe class DmaRegion
{
    private readonly byte* _base;

    private DmaRegion(ulong address, int length)
    {
        _base = (byte*)address;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The bus address of byte <paramref name="offset"/>, for descriptors.</summary>
    public ulong PhysicalAddress(int offset) => (ulong)_base + (ulong)CheckedOffset(offset, 0);

    public Span<byte> Span(int offset, int length) => new(_base + CheckedOffset(offset, length), length);

    public ushort ReadUInt16(int offset) => Volatile.Read(ref *(ushort*)(_base + CheckedOffset(offset, 2)));
    public uint ReadUInt32(int offset) => Volatile.Read(ref *(uint*)(_base + CheckedOffset(offset, 4)));
    public void WriteUInt16(int offset, ushort value) => Volatile.Write(ref *(ushort*)(_base + CheckedOffset(offset, 2)), value);
    public void WriteUInt32(int offset, uint value) => Volatile.Write(ref *(uint*)(_base + CheckedOffset(offset, 4)), value);
    public void WriteUInt64(int offset, ulong value) => Volatile.Write(ref *(ulong*)(_base + CheckedOffset(offset, 8)), value);

    /// <summary>Zeroed pages for at least <paramref name="length"/> bytes, or null when memory is short.</summary>
    public static DmaRegion? Allocate(int length)
    {
        ulong pages = ((ulong)length + PhysicalMemory.PageSize - 1) / PhysicalMemory.PageSize;
        ulong address = PhysicalMemory.AllocatePages(pages);
        return address == 0 ? null : new DmaRegion(address, (int)(pages * PhysicalMemory.PageSize));
    }

    private int CheckedOffset(int offset, int length)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
            Kernel.Panic.Fail("DMA access outside its region (a driver bug)");
        return offset;
    }
}
