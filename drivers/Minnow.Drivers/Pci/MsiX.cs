using Minnow.Drivers.Hardware;

namespace Minnow.Drivers.Pci;

/// <summary>
/// A function's MSI-X capability: a table of (address, data) messages in one of its BARs. Minnow
/// points entries at the boot CPU's local APIC (address 0xFEE00000, destination APIC ID 0) with the
/// interrupt vector as data: fixed delivery, edge-triggered.
/// </summary>
public sealed class MsiX
{
    private const byte CapabilityId = 0x11;
    private const ushort EnableBit = 1 << 15, FunctionMaskBit = 1 << 14;
    private const uint LocalApicMessageAddress = 0xFEE0_0000;

    private readonly PciFunction _function;
    private readonly int _capability;
    private readonly MmioRegion _table;

    private MsiX(PciFunction function, int capability, MmioRegion table, int size)
    {
        _function = function;
        _capability = capability;
        _table = table;
        TableSize = size;
    }

    public int TableSize { get; }

    /// <summary>The function's MSI-X table, mapped through its BAR; null when it has none or the table does not fit the BAR.</summary>
    public static MsiX? Find(PciFunction function, PciMmioWindow? window)
    {
        foreach (int capability in function.Capabilities(CapabilityId))
        {
            int size = (function.Read16(capability + 2) & 0x7FF) + 1;
            uint tableLocation = function.Read32(capability + 4);
            var bar = function.MemoryBar((int)(tableLocation & 7), window);
            ulong offset = tableLocation & ~7u;
            if (!bar.IsPresent || offset + (ulong)size * 16 > bar.Size)
                return null;
            return new MsiX(function, capability, new MmioRegion(bar.Address + offset, (ulong)size * 16), size);
        }
        return null;
    }

    /// <summary>Points entry <paramref name="entry"/> at <paramref name="vector"/> on the boot CPU and unmasks it.</summary>
    public bool Route(int entry, byte vector)
    {
        if (entry < 0 || entry >= TableSize)
            return false;
        ulong at = (ulong)entry * 16;
        _table.Write32(at, LocalApicMessageAddress);
        _table.Write32(at + 4, 0);
        _table.Write32(at + 8, vector);
        _table.Write32(at + 12, 0);   // vector control: unmasked
        return true;
    }

    public void Enable()
    {
        ushort control = _function.Read16(_capability + 2);
        _function.Write16(_capability + 2, (ushort)((control | EnableBit) & ~FunctionMaskBit));
        // MSI-X replaces INTx: keep the legacy line quiet.
        _function.EnableCommandBits(PciFunction.InterruptDisable);
    }
}
