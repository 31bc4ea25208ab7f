namespace Minnow.Drivers.Pci;

/// <summary>A memory BAR's placement: physical address and size (I/O BARs are not used).</summary>
public readonly record struct PciBar(ulong Address, ulong Size, bool Is64Bit)
{
    public bool IsPresent => Size != 0;
}
