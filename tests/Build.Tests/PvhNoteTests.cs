using System.Buffers.Binary;
using Minnow.Build.Stubs.Kernel;
using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>The Xen PVH note that lets QEMU's -kernel boot an ELF64: XEN_ELFNOTE_PHYS32_ENTRY (18).</summary>
public sealed class PvhNoteTests
{
    [Fact]
    public void Encoding_is_namesz_descsz_type_name_and_entry()
    {
        byte[] expected =
        [
            4, 0, 0, 0,             // namesz: "Xen\0"
            4, 0, 0, 0,             // descsz: a 32-bit address
            18, 0, 0, 0,            // XEN_ELFNOTE_PHYS32_ENTRY
            (byte)'X', (byte)'e', (byte)'n', 0,
            0x78, 0x56, 0x34, 0x12, // the entry, little-endian
        ];

        Assert.Equal(expected, PvhNote.Encode(0x12345678));
        Assert.Equal(18u, PvhNote.XenElfNotePhys32Entry);
    }

    [Fact]
    public void Stub_object_carries_the_note_for_the_32_bit_entry()
    {
        var section = StubObject.Elf.FindSection(PvhNote.SectionName);

        Assert.NotNull(section);
        Assert.Equal(ElfSectionType.Note, section.Type);
        Assert.True(section.IsAllocated, "the note must be SHF_ALLOC to land in a PT_NOTE segment");
        var note = Assert.Single(StubObject.Elf.Notes);
        Assert.Equal("Xen", note.Owner);
        Assert.Equal(ElfNote.XenPhys32EntryType, note.Type);
        Assert.Equal(PvhBootStub.LoadAddress, BinaryPrimitives.ReadUInt32LittleEndian(note.Descriptor.Span));
    }

    [Fact]
    public void Linker_script_keeps_the_note_section()
    {
        Assert.Contains($"KEEP(*({PvhNote.SectionName}))", Linking.ImageLinker.LinkerScript());
    }
}
