using Minnow.Drivers.Hardware;
using Minnow.Kernel.Acpi;
using Minnow.Kernel.Cpu;

namespace Minnow.Drivers.Pci;

/// <summary>
/// Reads and writes PCI configuration space: ECAM (memory-mapped, 4 KiB per function) where ACPI's
/// MCFG table announces it (q35); else the legacy 0xCF8/0xCFC port pair when a host bridge answers
/// there (the i440FX "pc" machine); else ECAM at 0xE0000000 when a function answers there: QEMU's
/// microvm with <c>pcie=on</c> puts its ECAM window there (hw/i386/microvm.h) but lists no MCFG.
/// </summary>
public sealed unsafe class PciConfigSpace
{
    private readonly MmioRegion _ecam;
    private readonly byte _endBus;
    private readonly IoPort _address = new(0xCF8);
    private readonly IoPort _data = new(0xCFC);

    private PciConfigSpace(MmioRegion ecam, byte endBus)
    {
        _ecam = ecam;
        _endBus = endBus;
    }

    /// <summary>The ECAM window's physical base, or 0 with port access.</summary>
    public ulong EcamBase => _ecam.Address;

    public bool IsEcam => !_ecam.IsEmpty;

    public byte LastBus => IsEcam ? _endBus : (byte)255;

    /// <summary>ECAM from ACPI MCFG (segment 0) when present, else the legacy ports.</summary>
    public static PciConfigSpace Discover()
    {
        byte* mcfg = AcpiTables.Find("MCFG"u8);
        if (mcfg != null && AcpiTables.Length(mcfg) >= 44 + 16)
        {
            // First allocation entry after the 44-byte header: base u64, segment u16, start bus, end bus.
            ulong baseAddress = *(ulong*)(mcfg + 44);
            ushort segment = *(ushort*)(mcfg + 52);
            byte startBus = mcfg[54], endBus = mcfg[55];
            if (segment == 0 && startBus == 0 && baseAddress != 0 && baseAddress + ((ulong)endBus + 1 << 20) <= 0x1_0000_0000)
                return new PciConfigSpace(new MmioRegion(baseAddress, ((ulong)endBus + 1) << 20), endBus);
        }
        var ports = new PciConfigSpace(default, 255);
        if (IsFunction(ports.Read32(new PciAddress(0, 0, 0), 0)))
            return ports;
        var microvm = new PciConfigSpace(new MmioRegion(MicrovmEcamBase, MicrovmEcamSize), (byte)((MicrovmEcamSize >> 20) - 1));
        if (IsFunction(microvm.Read32(new PciAddress(0, 0, 0), 0)))
            return microvm;
        return ports;
    }

    private const ulong MicrovmEcamBase = 0xE000_0000, MicrovmEcamSize = 0x1000_0000;

    private static bool IsFunction(uint id) => (ushort)id != 0xFFFF && (ushort)id != 0;

    public uint Read32(PciAddress function, int offset)
    {
        if (IsEcam)
            return function.Bus <= _endBus ? _ecam.Read32(EcamOffset(function, offset)) : 0xFFFF_FFFF;
        if (offset >= 256)
            return 0xFFFF_FFFF;
        _address.Write(PortAddress(function, offset));
        return _data.ReadDword();
    }

    public void Write32(PciAddress function, int offset, uint value)
    {
        if (IsEcam)
        {
            if (function.Bus <= _endBus)
                _ecam.Write32(EcamOffset(function, offset), value);
            return;
        }
        if (offset >= 256)
            return;
        _address.Write(PortAddress(function, offset));
        _data.Write(value);
    }

    public ushort Read16(PciAddress function, int offset) => (ushort)(Read32(function, offset & ~3) >> ((offset & 2) * 8));

    public byte Read8(PciAddress function, int offset) => (byte)(Read32(function, offset & ~3) >> ((offset & 3) * 8));

    public void Write16(PciAddress function, int offset, ushort value)
    {
        uint word = Read32(function, offset & ~3);
        int shift = (offset & 2) * 8;
        Write32(function, offset & ~3, (word & ~(0xFFFFu << shift)) | ((uint)value << shift));
    }

    private static ulong EcamOffset(PciAddress f, int offset) =>
        ((ulong)f.Bus << 20) | ((ulong)f.Device << 15) | ((ulong)f.Function << 12) | (uint)(offset & 0xFFC);

    private static uint PortAddress(PciAddress f, int offset) =>
        0x8000_0000u | ((uint)f.Bus << 16) | ((uint)f.Device << 11) | ((uint)f.Function << 8) | (uint)(offset & 0xFC);
}
