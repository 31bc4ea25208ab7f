namespace Minnow.Kernel.Cpu;

/// <summary>
/// The size of the XSAVE area for the features enabled in XCR0 (CPUID leaf 0Dh, sub-leaf 0, EBX),
/// handed to the interrupt entry stubs (build/Minnow.Build/Stubs/Kernel/InterruptEntryStubs.cs),
/// which save the full vector state of whatever they interrupt with XSAVE once it is set.
/// </summary>
public static unsafe class ExtendedState
{
    private const uint XsaveLeaf = 0x0D;
    private const uint LegacyAreaSize = 512 + 64;   // legacy region and XSAVE header

    /// <summary>Call after XCR0 is written; the stubs use fxsave until then.</summary>
    public static void UseXsave()
    {
        uint* r = stackalloc uint[4];
        CpuInstructions.CpuId(XsaveLeaf, 0, r);
        uint size = r[1];
        if (size < LegacyAreaSize)
            return;
        // The stubs align the area down to 64 bytes after reserving it; round up so it still fits.
        *CpuInstructions.ExtendedStateSizeSlot() = (size + 63) & ~63u;
        Size = size;
    }

    /// <summary>Bytes of the XSAVE area in use, or 0 when interrupts save state with fxsave.</summary>
    public static uint Size { get; private set; }
}
