namespace Minnow.Qemu.Symbolization;

/// <summary>
/// One ELF note: owner name ("GNU", "Xen", ...), type, and descriptor bytes. A Minnow image carries
/// a Xen note of type 18 (XEN_ELFNOTE_PHYS32_ENTRY), the PVH entry QEMU boots.
/// </summary>
public sealed record ElfNote(string Owner, uint Type, ReadOnlyMemory<byte> Descriptor, string Source)
{
    public const uint GnuBuildIdType = 3;
    public const uint XenPhys32EntryType = 18;
}
