using System.Buffers.Binary;
using Minnow.Build.Elf;
using Minnow.Build.Stubs.Kernel;
using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>ElfObjectWriter's output, parsed back with Minnow.Qemu's ELF reader.</summary>
public sealed class ElfObjectWriterTests
{
    private static readonly byte[] Code = [0x55, 0x48, 0x89, 0xE5, 0x5D, 0xC3, 0x90, 0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0xC3];

    /// <summary>One section of every kind, local and global symbols, and relocations of three types.</summary>
    private static byte[] SampleObject()
    {
        var writer = new ElfObjectWriter();
        var text = writer.AddSection(".text.sample", ElfSectionKind.Code, 16);
        text.Append(Code);
        text.Define("sample_function", 0, 6, ElfConstants.SymbolFunc);
        text.Define("sample_local", 6, 0, ElfConstants.SymbolNoType, global: false);
        text.Define("sample_tail", 16, 1, ElfConstants.SymbolFunc);
        text.Relocate(8, "external_symbol", ElfConstants.RelocAbs64, 0x10);

        var data = writer.AddSection(".data.sample", ElfSectionKind.Data, 64);
        data.Append(new byte[8]);
        data.Append([1, 2, 3, 4]);
        data.Define("sample_table", 0, 12, ElfConstants.SymbolObject);
        data.Relocate(0, "sample_function", ElfConstants.RelocAbs64, -4);
        data.Relocate(8, "sample_tail", ElfConstants.RelocPc32, 2);

        var rodata = writer.AddSection(".rodata.sample", ElfSectionKind.ReadOnlyData, 8);
        rodata.Append("text\0"u8);
        rodata.Define("sample_string", 0, 5, ElfConstants.SymbolObject);
        rodata.Relocate(0, "external_symbol", ElfConstants.RelocAbs32, 0);

        var bss = writer.AddSection(".bss.sample", ElfSectionKind.Bss, 4096);
        bss.Reserve(8192);
        bss.Define("sample_buffer", 4096, 4096, ElfConstants.SymbolObject);

        var note = writer.AddSection(".note.sample", ElfSectionKind.Note, 4);
        note.Append(PvhNote.Encode(0x123456));
        return writer.Write();
    }

    private static ElfImage Sample() => ElfImage.Parse(SampleObject());

    [Fact]
    public void Header_is_an_x86_64_relocatable_object()
    {
        var bytes = SampleObject();
        var elf = ElfImage.Parse(bytes);

        Assert.Equal(ElfFileType.Relocatable, elf.FileType);
        Assert.Equal(62, elf.Machine);
        Assert.Equal(0UL, elf.EntryPoint);
        Assert.Empty(elf.ProgramHeaders);
        Assert.Equal(".shstrtab", elf.Sections[BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(62))].Name);
    }

    [Theory]
    [InlineData(".text.sample", ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.Execute, 16UL, 17UL)]
    [InlineData(".data.sample", ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.Write, 64UL, 12UL)]
    [InlineData(".rodata.sample", ElfSectionType.ProgBits, ElfSectionFlags.Alloc, 8UL, 5UL)]
    [InlineData(".bss.sample", ElfSectionType.NoBits, ElfSectionFlags.Alloc | ElfSectionFlags.Write, 4096UL, 8192UL)]
    [InlineData(".note.sample", ElfSectionType.Note, ElfSectionFlags.Alloc, 4UL, 20UL)]
    public void Sections_have_the_type_flags_alignment_and_size_of_their_kind(string name, ElfSectionType type, ElfSectionFlags flags, ulong alignment, ulong size)
    {
        var section = Sample().FindSection(name);

        Assert.NotNull(section);
        Assert.Equal(type, section.Type);
        Assert.Equal(flags, section.Flags);
        Assert.Equal(alignment, section.Alignment);
        Assert.Equal(size, section.Size);
        if (section.HasFileData)
            Assert.Equal(0UL, section.FileOffset % alignment);
    }

    [Fact]
    public void Section_bytes_are_stored_as_appended()
    {
        var elf = Sample();

        Assert.Equal(Code, elf.GetSectionData(elf.FindSection(".text.sample")!).ToArray());
        Assert.Equal("text\0"u8.ToArray(), elf.GetSectionData(elf.FindSection(".rodata.sample")!).ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4], elf.GetSectionData(elf.FindSection(".data.sample")!).ToArray());
    }

    [Fact]
    public void Defined_symbols_keep_their_section_offset_size_type_and_binding()
    {
        var elf = Sample();
        ElfSymbol Find(string name) => Assert.Single(elf.Symbols, s => s.Name == name);

        AssertSymbol(Find("sample_function"), ".text.sample", 0, 6, ElfSymbolType.Function, ElfSymbolBinding.Global);
        AssertSymbol(Find("sample_local"), ".text.sample", 6, 0, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        AssertSymbol(Find("sample_tail"), ".text.sample", 16, 1, ElfSymbolType.Function, ElfSymbolBinding.Global);
        AssertSymbol(Find("sample_table"), ".data.sample", 0, 12, ElfSymbolType.Object, ElfSymbolBinding.Global);
        AssertSymbol(Find("sample_string"), ".rodata.sample", 0, 5, ElfSymbolType.Object, ElfSymbolBinding.Global);
        AssertSymbol(Find("sample_buffer"), ".bss.sample", 4096, 4096, ElfSymbolType.Object, ElfSymbolBinding.Global);

        void AssertSymbol(ElfSymbol symbol, string section, ulong value, ulong size, ElfSymbolType type, ElfSymbolBinding binding)
        {
            Assert.Equal(section, elf.Sections[symbol.SectionIndex].Name);
            Assert.Equal(value, symbol.Value);
            Assert.Equal(size, symbol.Size);
            Assert.Equal(type, symbol.Type);
            Assert.Equal(binding, symbol.Binding);
        }
    }

    [Fact]
    public void Symbols_referenced_only_by_relocations_are_undefined_globals()
    {
        var external = Assert.Single(Sample().Symbols, s => s.Name == "external_symbol");

        Assert.False(external.IsDefined);
        Assert.Equal(ElfSymbolBinding.Global, external.Binding);
        Assert.Equal(ElfSymbolType.NoType, external.Type);
    }

    [Fact]
    public void Local_symbols_come_first_and_symtab_info_is_the_first_global()
    {
        var elf = Sample();
        var symtab = Assert.Single(elf.Sections, s => s.Type == ElfSectionType.SymbolTable);
        int firstGlobal = elf.Symbols.ToList().FindIndex(s => s.Binding != ElfSymbolBinding.Local) + 1; // +1: the null symbol

        Assert.All(elf.Symbols.Take(firstGlobal - 1), s => Assert.Equal(ElfSymbolBinding.Local, s.Binding));
        Assert.All(elf.Symbols.Skip(firstGlobal - 1), s => Assert.NotEqual(ElfSymbolBinding.Local, s.Binding));
        Assert.Equal((uint)firstGlobal, symtab.Info);
        Assert.Equal(".strtab", elf.Sections[(int)symtab.Link].Name);
        Assert.Equal(24UL, symtab.EntrySize);
    }

    [Fact]
    public void Relocations_are_rela_entries_with_symbol_type_and_addend()
    {
        var elf = Sample();

        Assert.Equal([new Expected(8, "external_symbol", 1, 0x10)], Relocations(elf, ".text.sample"));
        Assert.Equal([new Expected(0, "sample_function", 1, -4), new Expected(8, "sample_tail", 2, 2)], Relocations(elf, ".data.sample"));
        Assert.Equal([new Expected(0, "external_symbol", 10, 0)], Relocations(elf, ".rodata.sample"));
        Assert.Empty(Relocations(elf, ".bss.sample"));
    }

    [Fact]
    public void Rela_sections_link_the_symbol_table_and_name_their_target()
    {
        var elf = Sample();
        var rela = ElfRelocationReader.RelaFor(elf, ".data.sample");

        Assert.NotNull(rela);
        Assert.Equal(".rela.data.sample", rela.Name);
        Assert.Equal(ElfSectionType.SymbolTable, elf.Sections[(int)rela.Link].Type);
        Assert.Equal(ElfSectionFlags.InfoLink, rela.Flags);
        Assert.Equal(24UL, rela.EntrySize);
        Assert.Equal(0UL, rela.FileOffset % 8);
    }

    [Fact]
    public void Note_sections_parse_as_notes()
    {
        var note = Assert.Single(Sample().Notes);

        Assert.Equal("Xen", note.Owner);
        Assert.Equal(ElfNote.XenPhys32EntryType, note.Type);
        Assert.Equal(0x123456u, BinaryPrimitives.ReadUInt32LittleEndian(note.Descriptor.Span));
    }

    [Fact]
    public void Alignment_pads_sections_and_bss_reserves_without_bytes()
    {
        var writer = new ElfObjectWriter();
        var text = writer.AddSection(".text", ElfSectionKind.Code, 16);
        var bss = writer.AddSection(".bss", ElfSectionKind.Bss, 16);
        text.Append([0xC3]);

        Assert.Equal(16UL, text.Align(16));
        Assert.Equal(16UL, text.Size);
        Assert.Equal(0UL, bss.Reserve(100));
        Assert.Equal(128UL, bss.Align(64));
        Assert.Empty(bss.Bytes);
    }

    [Fact]
    public void Mistakes_are_refused()
    {
        var writer = new ElfObjectWriter();
        var text = writer.AddSection(".text", ElfSectionKind.Code, 16);
        var bss = writer.AddSection(".bss", ElfSectionKind.Bss, 16);
        text.Append([0xC3]);

        Assert.Throws<ArgumentException>(() => writer.AddSection(".text", ElfSectionKind.Data, 8));
        Assert.Throws<ArgumentException>(() => writer.AddSection(".odd", ElfSectionKind.Data, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Define("past_the_end", 2, 0, ElfConstants.SymbolFunc));
        Assert.Throws<InvalidOperationException>(() => bss.Relocate(0, "x", ElfConstants.RelocAbs64, 0));
        text.Define("twice", 0, 1, ElfConstants.SymbolFunc);
        bss.Define("twice", 0, 0, ElfConstants.SymbolObject);
        Assert.Throws<InvalidOperationException>(() => writer.Write());
    }

    [Fact]
    public void Ld_lld_links_the_object_and_applies_its_relocations()
    {
        string work = TestSupport.RepositoryPaths.CreateWorkDirectory("elf-object-writer");
        string input = Path.Combine(work, "sample.o");
        string output = Path.Combine(work, "sample.elf");
        File.WriteAllBytes(input, SampleObject());

        var link = TestSupport.ExternalProcess.Run(Linker(),
            ["-static", "-nostdlib", "--no-pie", "-e", "sample_function", "--defsym=external_symbol=0x5000", "-Ttext=0x200000", "-o", output, input],
            TimeSpan.FromMinutes(1));

        Assert.True(link.ExitCode == 0, link.Describe());
        var elf = ElfImage.Load(output);
        ulong function = Assert.Single(elf.Symbols, s => s.Name == "sample_function").Value;
        ulong tail = Assert.Single(elf.Symbols, s => s.Name == "sample_tail").Value;
        ulong table = Assert.Single(elf.Symbols, s => s.Name == "sample_table").Value;
        Assert.Equal(0x200000UL, function);
        Assert.Equal(function, elf.EntryPoint);
        Assert.Equal(0x5010UL, ReadUInt64(elf, function + 8));                                   // S + A
        Assert.Equal(function - 4, ReadUInt64(elf, table));                                      // S + A
        Assert.Equal((uint)(tail + 2 - (table + 8)), ReadUInt32(elf, table + 8));               // S + A - P
    }

    private static ulong ReadUInt64(ElfImage elf, ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Read(elf, address, 8));

    private static uint ReadUInt32(ElfImage elf, ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(Read(elf, address, 4));

    private static byte[] Read(ElfImage elf, ulong address, int count)
    {
        var buffer = new byte[count];
        Assert.True(elf.TryReadBytes(address, buffer), $"0x{address:x} (+{count}) is not in the linked file");
        return buffer;
    }

    private static string Linker() => Compilation.Toolchain.FindOnPath("ld.lld") ?? throw new InvalidOperationException("ld.lld is not on PATH (make deps installs lld)");

    private static List<Expected> Relocations(ElfImage elf, string section) =>
        ElfRelocationReader.For(elf, section).Select(r => new Expected(r.Offset, r.Symbol.Name, r.Type, r.Addend)).ToList();

    private readonly record struct Expected(ulong Offset, string Symbol, uint Type, long Addend);
}
