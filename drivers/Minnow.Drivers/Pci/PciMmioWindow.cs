namespace Minnow.Drivers.Pci;

/// <summary>
/// Bus addresses for BARs firmware left unassigned: a bump allocator over the host bridge's 32-bit
/// memory window, every BAR naturally aligned to its size as PCI requires.
/// </summary>
public sealed class PciMmioWindow(ulong start, ulong end)
{
    private ulong _next = start;

    public bool TryAllocate(ulong size, out ulong address)
    {
        address = (_next + size - 1) & ~(size - 1);
        if (size == 0 || address < _next || address + size > end || address + size < address)
        {
            address = 0;
            return false;
        }
        _next = address + size;
        return true;
    }
}
