using System.Buffers.Binary;
using Minnow.Build.Elf;

namespace Minnow.Build.Stubs.Kernel;

/// <summary>
/// The ELF note that makes an image bootable with QEMU's -kernel: XEN_ELFNOTE_PHYS32_ENTRY names
/// the 32-bit entry point. The section must be SHT_NOTE, so the linker emits a PT_NOTE segment.
/// </summary>
public static class PvhNote
{
    public const uint XenElfNotePhys32Entry = 18;
    public const string SectionName = ".note.minnow_pvh";

    public static void Emit(StubObjectBuilder stubs, uint entryAddress)
    {
        var note = stubs.AddSection(SectionName, ElfSectionKind.Note, 4);
        note.Append(Encode(entryAddress));
    }

    public static byte[] Encode(uint entryAddress)
    {
        var bytes = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 4);                        // namesz: "Xen\0"
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 4);              // descsz
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), XenElfNotePhys32Entry);
        "Xen\0"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), entryAddress);
        return bytes;
    }
}
