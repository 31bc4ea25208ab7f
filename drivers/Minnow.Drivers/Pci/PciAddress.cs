namespace Minnow.Drivers.Pci;

/// <summary>Bus, device and function of a PCI function.</summary>
public readonly record struct PciAddress(byte Bus, byte Device, byte Function)
{
    public override string ToString() => $"{Bus:x2}:{Device:x2}.{Function}";
}
