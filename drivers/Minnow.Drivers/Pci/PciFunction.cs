namespace Minnow.Drivers.Pci;

/// <summary>
/// One PCI function: its identity, command register, memory BARs and capability list. Values read
/// from configuration space are checked before use (capability pointers stay inside the header and
/// the walk is bounded, BAR sizes are powers of two).
/// </summary>
public sealed class PciFunction
{
    private const int CommandOffset = 0x04, StatusOffset = 0x06, CapabilitiesPointer = 0x34;
    private const ushort CapabilitiesListBit = 1 << 4;
    public const ushort MemorySpaceEnable = 1 << 1, BusMasterEnable = 1 << 2, InterruptDisable = 1 << 10;

    private readonly PciConfigSpace _config;

    internal PciFunction(PciConfigSpace config, PciAddress address, ushort vendorId, ushort deviceId)
    {
        _config = config;
        Address = address;
        VendorId = vendorId;
        DeviceId = deviceId;
    }

    public PciAddress Address { get; }
    public ushort VendorId { get; }
    public ushort DeviceId { get; }
    public byte ClassCode => _config.Read8(Address, 0x0B);
    public byte Subclass => _config.Read8(Address, 0x0A);

    public uint Read32(int offset) => _config.Read32(Address, offset);
    public ushort Read16(int offset) => _config.Read16(Address, offset);
    public byte Read8(int offset) => _config.Read8(Address, offset);
    public void Write32(int offset, uint value) => _config.Write32(Address, offset, value);
    public void Write16(int offset, ushort value) => _config.Write16(Address, offset, value);

    public void EnableCommandBits(ushort bits) => Write16(CommandOffset, (ushort)(Read16(CommandOffset) | bits));

    /// <summary>Offsets of the capabilities with this ID, in list order.</summary>
    public IEnumerable<int> Capabilities(byte id)
    {
        var found = new List<int>();
        if ((Read16(StatusOffset) & CapabilitiesListBit) == 0)
            return found;
        int offset = Read8(CapabilitiesPointer) & 0xFC;
        // A malformed list could loop: at most 48 entries fit in the 192 bytes after the header.
        for (int hops = 0; offset >= 0x40 && offset <= 0xFC && hops < 48; hops++)
        {
            if (Read8(offset) == id)
                found.Add(offset);
            offset = Read8(offset + 1) & 0xFC;
        }
        return found;
    }

    /// <summary>
    /// Memory BAR <paramref name="index"/>: sized by writing all ones (memory decoding off meanwhile),
    /// and placed from <paramref name="window"/> when firmware left it unassigned (microvm has no
    /// firmware that assigns BARs).
    /// </summary>
    public PciBar MemoryBar(int index, PciMmioWindow? window)
    {
        if (index < 0 || index > 5)
            return default;
        int offset = 0x10 + index * 4;
        uint low = Read32(offset);
        if ((low & 1) != 0)
            return default;   // an I/O BAR
        bool is64 = ((low >> 1) & 3) == 2;
        if (is64 && index == 5)
            return default;
        uint high = is64 ? Read32(offset + 4) : 0;

        ushort command = Read16(CommandOffset);
        Write16(CommandOffset, (ushort)(command & ~MemorySpaceEnable));
        Write32(offset, 0xFFFF_FFFF);
        uint sizeLow = Read32(offset);
        uint sizeHigh = 0xFFFF_FFFF;
        if (is64)
        {
            Write32(offset + 4, 0xFFFF_FFFF);
            sizeHigh = Read32(offset + 4);
        }
        Write32(offset, low);
        if (is64)
            Write32(offset + 4, high);
        Write16(CommandOffset, command);

        ulong mask = ((ulong)sizeHigh << 32) | (sizeLow & 0xFFFF_FFF0u);
        if (!is64)
            mask |= 0xFFFF_FFFF_0000_0000;
        ulong size = ~mask + 1;
        if (mask == 0 || (size & (size - 1)) != 0)
            return default;
        ulong address = ((ulong)high << 32) | (low & 0xFFFF_FFF0u);
        if (address == 0)
        {
            if (window == null || !window.TryAllocate(size, out address))
                return default;
            Write32(offset, (uint)address | (low & 0xF));
            if (is64)
                Write32(offset + 4, (uint)(address >> 32));
        }
        return new PciBar(address, size, is64);
    }
}
