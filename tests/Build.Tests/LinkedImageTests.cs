using System.Buffers.Binary;
using Minnow.Build.Stubs.Kernel;
using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>The PVH ELF that minnow build links for images/hello: what QEMU's -kernel needs to boot it.</summary>
public sealed class LinkedImageTests(HelloImageFixture hello) : IClassFixture<HelloImageFixture>
{
    [Fact]
    public void Image_is_a_static_x86_64_executable_entered_at_the_32_bit_boot_code()
    {
        var image = hello.Image;

        Assert.Equal(ElfFileType.Executable, image.FileType);
        Assert.Equal(62, image.Machine);
        Assert.Equal(0x100000UL, image.EntryPoint);
        Assert.DoesNotContain(image.ProgramHeaders, p => p.Type is ElfSegmentType.Interpreter or ElfSegmentType.Dynamic);
        Assert.Equal(image.EntryPoint, Symbol(hello.DebugImage, "minnow_pvh_entry32").Value);
    }

    [Fact]
    public void A_note_segment_holds_the_PVH_entry_note()
    {
        byte[] file = File.ReadAllBytes(hello.Build.Image);
        var image = hello.Image;

        var notes = image.ProgramHeaders.Where(p => p.Type == ElfSegmentType.Note).ToList();
        Assert.NotEmpty(notes);
        var pvh = notes.Select(n => file.AsSpan((int)n.FileOffset, (int)n.FileSize).ToArray()).Where(ContainsXenNote).ToList();
        byte[] segment = Assert.Single(pvh);
        Assert.Equal(PvhNote.Encode(PvhBootStub.LoadAddress), segment[..20]);

        static bool ContainsXenNote(byte[] bytes) => bytes.Length >= 20 && bytes.AsSpan(12, 4).SequenceEqual("Xen\0"u8);
    }

    [Fact]
    public void Boot_section_is_loaded_at_1_MiB_identity_mapped_and_executable()
    {
        var image = hello.Image;
        var boot = image.FindSection(".boot");

        Assert.NotNull(boot);
        Assert.Equal(0x100000UL, boot.Address);
        Assert.True(boot.IsExecutable);
        var segment = Assert.Single(image.ProgramHeaders, p => p.Type == ElfSegmentType.Load && p.VirtualAddress <= boot.Address && boot.Address < p.VirtualAddress + p.MemorySize);
        Assert.Equal(segment.VirtualAddress, segment.PhysicalAddress);
        Assert.True((segment.Flags & ElfSegmentFlags.Execute) != 0);
    }

    [Fact]
    public void Loadable_segments_are_page_aligned_identity_mapped_and_do_not_overlap()
    {
        var loads = hello.Image.ProgramHeaders.Where(p => p.Type == ElfSegmentType.Load).OrderBy(p => p.VirtualAddress).ToList();

        Assert.NotEmpty(loads);
        foreach (var load in loads)
        {
            Assert.Equal(load.VirtualAddress, load.PhysicalAddress);
            Assert.Equal(0UL, load.VirtualAddress % 4096);
            Assert.True(load.VirtualAddress >= 0x100000, $"segment at 0x{load.VirtualAddress:x} is below 1 MiB");
            Assert.True(load.FileSize <= load.MemorySize);
        }
        for (int i = 1; i < loads.Count; i++)
            Assert.True(loads[i - 1].VirtualAddress + loads[i - 1].MemorySize <= loads[i].VirtualAddress, $"segments {i - 1} and {i} overlap");
    }

    [Fact]
    public void Thread_local_data_has_a_TLS_segment_that_the_kernel_symbols_bracket()
    {
        var image = hello.Image;
        var tls = Assert.Single(image.ProgramHeaders, p => p.Type == ElfSegmentType.Tls);
        var tdata = image.FindSection(".tdata");

        Assert.NotNull(tdata);
        Assert.Equal(tdata.Address, tls.VirtualAddress);
        Assert.Equal(Symbol(hello.DebugImage, "__minnow_tls_start").Value, tls.VirtualAddress);
        Assert.Equal(Symbol(hello.DebugImage, "__minnow_tls_end").Value, tls.VirtualAddress + tls.MemorySize);
    }

    [Fact]
    public void Managed_code_section_is_present_executable_and_bracketed()
    {
        var image = hello.Image;
        var managed = image.FindSection("__managedcode");

        Assert.NotNull(managed);
        Assert.True(managed.Size > 0);
        Assert.True(managed.IsExecutable);
        Assert.Equal(managed.Address, Symbol(hello.DebugImage, "__start___managedcode").Value);
        Assert.Equal(managed.Address + managed.Size, Symbol(hello.DebugImage, "__stop___managedcode").Value);
        Assert.True(managed.Address + managed.Size <= Symbol(hello.DebugImage, "__minnow_text_end").Value);
    }

    [Theory]
    [InlineData("MinnowStart")]
    [InlineData("MinnowInterrupt")]
    [InlineData("RhpCidResolve")]
    [InlineData("memmove")]
    [InlineData("RhpInitialDynamicInterfaceDispatch")]
    public void Stub_imports_and_exports_resolve_to_code(string name)
    {
        var debug = hello.DebugImage;
        var symbol = Symbol(debug, name);

        Assert.True(symbol.IsDefined);
        Assert.Contains(debug.Sections, s => s.IsExecutable && s.ContainsAddress(symbol.Value));
    }

    [Fact]
    public void Bss_lies_between_the_symbols_the_boot_code_zeroes()
    {
        var image = hello.Image;
        var bss = image.FindSection(".bss");

        Assert.NotNull(bss);
        Assert.Equal(ElfSectionType.NoBits, bss.Type);
        Assert.Equal(bss.Address, Symbol(hello.DebugImage, "__minnow_bss_start").Value);
        Assert.Equal(bss.Address + bss.Size, Symbol(hello.DebugImage, "__minnow_bss_end").Value);
        Assert.True(Symbol(hello.DebugImage, "__minnow_image_end").Value >= bss.Address + bss.Size);
    }

    [Fact]
    public void The_image_that_boots_is_stripped_and_the_debug_image_has_symbols_and_DWARF()
    {
        Assert.Empty(hello.Image.Symbols);
        Assert.DoesNotContain(hello.Image.Sections, s => s.Name.StartsWith(".debug_", StringComparison.Ordinal));
        Assert.NotEmpty(hello.DebugImage.Symbols);
        Assert.NotNull(hello.DebugImage.FindSection(".debug_info"));
        Assert.NotNull(hello.DebugImage.FindSection(".debug_line"));
        Assert.Equal(hello.Image.EntryPoint, hello.DebugImage.EntryPoint);
    }

    [Fact]
    public void A_map_file_is_written_beside_the_image()
    {
        Assert.True(File.Exists(hello.Build.MapFile), $"{hello.Build.MapFile} is missing");
        string map = File.ReadAllText(hello.Build.MapFile);
        Assert.Contains("__managedcode", map);
        Assert.Contains(".boot", map);
    }

    [Fact]
    public void Rebuilding_unchanged_sources_is_skipped()
    {
        _ = hello.Image;
        var again = TestSupport.MinnowTool.Build(TestSupport.RepositoryPaths.Combine("images", "hello"), "tests-hello");

        Assert.True(again.Succeeded, again.Process.Describe());
        Assert.Contains("is up to date", again.Process.StandardError);
    }

    private static ElfSymbol Symbol(ElfImage image, string name) =>
        image.Symbols.FirstOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the image has no symbol {name}");
}
