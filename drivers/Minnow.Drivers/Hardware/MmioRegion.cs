namespace Minnow.Drivers.Hardware;

/// <summary>
/// A window of device registers in physical memory (identity-mapped below 4 GiB by the kernel's
/// page tables). Every access is bounds-checked against the window and is volatile, so the compiler
/// neither drops, merges nor reorders register accesses.
/// </summary>
public readonly unsafe struct MmioRegion
{
    private readonly byte* _base;

    public MmioRegion(ulong physicalAddress, ulong length)
    {
        _base = (byte*)physicalAddress;
        Length = length;
    }

    public ulong Address => (ulong)_base;
    public ulong Length { get; }
    public bool IsEmpty => _base == null;

    /// <summary>A part of this window; empty when it does not fit.</summary>
    public MmioRegion Slice(ulong offset, ulong length) =>
        offset + length <= Length && offset + length >= offset ? new MmioRegion((ulong)_base + offset, length) : default;

    public byte Read8(ulong offset) => Volatile.Read(ref *At<byte>(offset));
    public ushort Read16(ulong offset) => Volatile.Read(ref *At<ushort>(offset));
    public uint Read32(ulong offset) => Volatile.Read(ref *At<uint>(offset));
    public ulong Read64(ulong offset) => Read32(offset) | ((ulong)Read32(offset + 4) << 32);

    public void Write8(ulong offset, byte value) => Volatile.Write(ref *At<byte>(offset), value);
    public void Write16(ulong offset, ushort value) => Volatile.Write(ref *At<ushort>(offset), value);
    public void Write32(ulong offset, uint value) => Volatile.Write(ref *At<uint>(offset), value);

    /// <summary>Two 32-bit writes, low half first: virtio and PCI registers accept 64-bit values that way.</summary>
    public void Write64(ulong offset, ulong value)
    {
        Write32(offset, (uint)value);
        Write32(offset + 4, (uint)(value >> 32));
    }

    private T* At<T>(ulong offset) where T : unmanaged
    {
        if (_base == null || offset + (ulong)sizeof(T) > Length || offset % (ulong)sizeof(T) != 0)
            Kernel.Panic.Fail("MMIO access outside its register window (a driver bug)");
        return (T*)(_base + offset);
    }
}
