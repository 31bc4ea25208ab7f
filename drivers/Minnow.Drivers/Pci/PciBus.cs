using Minnow.Kernel.Memory;

namespace Minnow.Drivers.Pci;

/// <summary>
/// Enumerates the functions on the root bus (QEMU's q35, pc and microvm put their devices there
/// unless told otherwise; functions behind bridges are not visited).
/// </summary>
public static class PciBus
{
    /// <summary>Where unassigned BARs go on microvm: its 32-bit PCIe window ends where ECAM begins.</summary>
    private const ulong MicrovmWindowSize = 0x2000_0000;

    public static PciConfigSpace? Config { get; private set; }

    /// <summary>The window unassigned BARs are placed in, when one is known.</summary>
    public static PciMmioWindow? Window { get; private set; }

    public static List<PciFunction> Enumerate()
    {
        var config = Config ??= PciConfigSpace.Discover();
        if (Window == null && config.IsEcam && config.EcamBase >= MicrovmWindowSize
            && config.EcamBase - MicrovmWindowSize >= PhysicalMemory.HighestAddress)
            Window = new PciMmioWindow(config.EcamBase - MicrovmWindowSize, config.EcamBase);

        var functions = new List<PciFunction>();
        for (byte device = 0; device < 32; device++)
        {
            for (byte function = 0; function < 8; function++)
            {
                var address = new PciAddress(0, device, function);
                uint id = config.Read32(address, 0);
                ushort vendor = (ushort)id;
                if (vendor == 0xFFFF || vendor == 0)
                {
                    if (function == 0)
                        break;
                    continue;
                }
                functions.Add(new PciFunction(config, address, vendor, (ushort)(id >> 16)));
                bool multifunction = (config.Read8(address, 0x0E) & 0x80) != 0;
                if (function == 0 && !multifunction)
                    break;
            }
        }
        return functions;
    }
}
