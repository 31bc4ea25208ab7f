using Minnow.Kernel.Boot;

namespace Minnow.Kernel.Acpi;

/// <summary>
/// The firmware's ACPI tables, found through the RSDP the loader passed in the PVH start info
/// (QEMU's q35 and microvm both build them): the XSDT (or RSDT) lists every table by signature.
/// </summary>
public static unsafe class AcpiTables
{
    /// <summary>The table with this 4-byte signature ("FACP", "MCFG", ...), or null.</summary>
    public static byte* Find(ReadOnlySpan<byte> signature)
    {
        ulong rsdpAddress = BootInfo.RsdpAddress;
        if (rsdpAddress == 0)
            return null;
        byte* rsdp = (byte*)rsdpAddress;
        if (!new ReadOnlySpan<byte>(rsdp, 8).SequenceEqual("RSD PTR "u8))
            return null;
        bool extended = rsdp[15] >= 2 && *(ulong*)(rsdp + 24) != 0;
        byte* root = extended ? (byte*)*(ulong*)(rsdp + 24) : (byte*)*(uint*)(rsdp + 16);
        int entrySize = extended ? 8 : 4;
        uint rootLength = *(uint*)(root + 4);
        for (uint offset = 36; offset + entrySize <= rootLength; offset += (uint)entrySize)
        {
            byte* table = extended ? (byte*)*(ulong*)(root + offset) : (byte*)*(uint*)(root + offset);
            if (table != null && new ReadOnlySpan<byte>(table, 4).SequenceEqual(signature))
                return table;
        }
        return null;
    }

    /// <summary>A table's length from its header.</summary>
    public static uint Length(byte* table) => *(uint*)(table + 4);
}
