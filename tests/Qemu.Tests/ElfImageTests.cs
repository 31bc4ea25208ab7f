using System.Buffers.Binary;
using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class ElfImageTests
{
    [Fact]
    public void Executable_HeaderSectionsAndSegments()
    {
        ElfImage image = FixtureFiles.CrashImage;

        Assert.Equal(ElfFileType.Executable, image.FileType);
        Assert.Equal(62, image.Machine);
        Assert.Equal(image.Symbols.Single(s => s.Name == "_start").Value, image.EntryPoint);

        ElfSection text = Assert.IsType<ElfSection>(image.FindSection(".text"));
        Assert.Equal(ElfSectionType.ProgBits, text.Type);
        Assert.True(text.IsAllocated && text.IsExecutable);
        Assert.Equal(ElfSectionType.SymbolTable, image.FindSection(".symtab")!.Type);
        Assert.Equal(ElfSectionType.Note, image.FindSection(".note.Xen")!.Type);
        Assert.NotNull(image.FindSection(".eh_frame"));
        Assert.Null(image.FindSection(".no-such-section"));
        Assert.Equal(image.Sections.Count, image.Sections.Select(s => s.Index).Distinct().Count());

        Assert.Contains(image.ProgramHeaders, p => p.Type == ElfSegmentType.Load && (p.Flags & ElfSegmentFlags.Execute) != 0
            && text.Address >= p.VirtualAddress && text.Address + text.Size <= p.VirtualAddress + p.MemorySize);
        Assert.Contains(image.ProgramHeaders, p => p.Type == ElfSegmentType.Note);
        Assert.Contains(image.ProgramHeaders, p => p.Type == ElfSegmentType.GnuEhFrame);
    }

    [Fact]
    public void SectionData_IsTheBytesAtTheVirtualAddress_AsGdbReadThemFromMemory()
    {
        ElfImage image = FixtureFiles.CrashImage;
        ElfSection text = image.FindSection(".text")!;
        PanicReport panic = FixtureFiles.PanicReport(FixtureFiles.Crash);
        ulong rip = panic.Rip!.Value;

        byte[] fromImage = new byte[panic.CodeBytes.Count];
        Assert.True(image.TryReadBytes(rip, fromImage));
        Assert.Equal(panic.CodeBytes, fromImage);
        Assert.Equal(fromImage, image.GetSectionData(text).Slice((int)(rip - text.Address), fromImage.Length).ToArray());

        Assert.False(image.TryReadBytes(text.Address + text.Size - 2, new byte[4])); // runs off the section
        Assert.False(image.TryReadBytes(0x10, new byte[1]));
        Assert.True(image.GetSectionData(image.FindSection(".bss")!).IsEmpty);
    }

    [Fact]
    public void Symbols_FunctionsObjectsAndFiles()
    {
        ElfImage image = FixtureFiles.CrashImage;

        ElfSymbol leaf = image.Symbols.Single(s => s.Name == "leaf");
        Assert.Equal(ElfSymbolType.Function, leaf.Type);
        Assert.Equal(ElfSymbolBinding.Global, leaf.Binding);
        Assert.Equal(image.FindSection(".text")!.Index, leaf.SectionIndex);
        // The size agrees with an independent source, the FDE gcc wrote for the function.
        FrameDescriptionEntry fde = EhFrameSection.FromImage(image).FindEntry(leaf.Value)!;
        Assert.Equal(fde.PcEnd - fde.PcBegin, leaf.Size);

        ElfSymbol target = image.Symbols.Single(s => s.Name == "target");
        Assert.Equal(ElfSymbolType.Object, target.Type);
        Assert.Equal(8UL, target.Size);
        Assert.Contains(image.Symbols, s => s.Type == ElfSymbolType.File && s.Name == "crash.c");
        Assert.Contains(image.Symbols, s => s.Name == "printf@GLIBC_2.2.5" && !s.IsDefined);
    }

    [Fact]
    public void Notes_GnuBuildIdAbiTagAndTheXenPvhEntry()
    {
        ElfImage image = FixtureFiles.CrashImage;

        Assert.Matches("^[0-9a-f]{40}$", image.BuildId);
        Assert.Contains(image.Notes, n => n.Owner == "GNU" && n.Type == 1 && n.Source == ".note.ABI-tag");
        Assert.Contains(image.Notes, n => n.Owner == "GNU" && n.Type == 5 && n.Source == ".note.gnu.property"); // 8-byte padded
        ElfNote pvh = image.Notes.Single(n => n.Owner == "Xen");
        Assert.Equal(ElfNote.XenPhys32EntryType, pvh.Type);
        Assert.Equal(image.EntryPoint, BinaryPrimitives.ReadUInt32LittleEndian(pvh.Descriptor.Span));
    }

    [Fact]
    public void RelocatableObject_HasSectionRelativeSymbolsAndNoSegments()
    {
        ElfImage image = ElfImage.Load(FixtureFiles.PathOf(FixtureFiles.CrashObject));

        Assert.Equal(ElfFileType.Relocatable, image.FileType);
        Assert.Empty(image.ProgramHeaders);
        Assert.NotNull(image.FindSection(".rela.eh_frame"));
        ElfSymbol leaf = image.Symbols.Single(s => s.Name == "leaf");
        Assert.Equal(ElfSymbolType.Function, leaf.Type);
        Assert.Equal(".text", image.Sections[leaf.SectionIndex].Name);
        Assert.Contains(image.Symbols, s => s.Name == "printf" && !s.IsDefined);
    }

    [Fact]
    public void TrimmedNativeAotImage_KeepsEhFrameAndSymbols_CodeIsNoBits()
    {
        ElfImage image = FixtureFiles.IlcImage;

        ElfSection managedCode = image.FindSection("__managedcode")!;
        Assert.Equal(ElfSectionType.NoBits, managedCode.Type);
        Assert.False(image.TryReadBytes(managedCode.Address, new byte[1]));
        Assert.False(image.GetSectionData(image.FindSection(".eh_frame")!).IsEmpty);
        Assert.Contains(image.Symbols, s => s.Name == "repro_Repro_Shapes_Program__Deep" && s.Type == ElfSymbolType.Function);
    }

    [Fact]
    public void Load_MissingFile_IsAFormatError()
    {
        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Load(FixtureFiles.PathOf("no-such-file")));
        Assert.Contains("cannot read", error.Message);
    }

    [Theory]
    [InlineData("empty", "fewer than the 64-byte")]
    [InlineData("short", "fewer than the 64-byte")]
    [InlineData("magic", "bad magic")]
    [InlineData("elf32", "is not ELF64")]
    [InlineData("big-endian", "not little-endian")]
    [InlineData("version", "version 9")]
    [InlineData("machine", "is not x86-64")]
    [InlineData("section-table-offset", "section header table")]
    [InlineData("section-entry-size", "section header entry size")]
    [InlineData("program-table-offset", "program header table")]
    [InlineData("section-name-table", "section name table index")]
    [InlineData("section-data", "run past the end")]
    [InlineData("symbol-entry-size", "do not describe 24-byte symbols")]
    [InlineData("symbol-name", "string offset")]
    public void MalformedHeaders_FailWithAClearMessage(string damage, string expectedMessage)
    {
        byte[] bytes = FixtureFiles.ReadBytes(FixtureFiles.Crash);
        ElfImage original = FixtureFiles.CrashImage;
        ElfSection symtab = original.FindSection(".symtab")!;
        ulong sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28));
        int SectionHeader(int index) => (int)sectionTable + index * 64;
        switch (damage)
        {
            case "empty": bytes = []; break;
            case "short": bytes = bytes[..40]; break;
            case "magic": bytes[1] = (byte)'X'; break;
            case "elf32": bytes[4] = 1; break;
            case "big-endian": bytes[5] = 2; break;
            case "version": bytes[6] = 9; break;
            case "machine": bytes[18] = 3; break;
            case "section-table-offset": BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), (ulong)bytes.Length - 10); break;
            case "section-entry-size": bytes[0x3a] = 40; break;
            case "program-table-offset": BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x20), ulong.MaxValue - 4); break;
            case "section-name-table": BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3e), 900); break;
            case "section-data": BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(SectionHeader(original.FindSection(".text")!.Index) + 0x20), 1UL << 40); break;
            case "symbol-entry-size": BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(SectionHeader(symtab.Index) + 0x38), 16); break;
            case "symbol-name": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)symtab.FileOffset + 24 * 5), 0x7fffffff); break;
        }

        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Parse(bytes));
        Assert.Contains(expectedMessage, error.Message);
    }

    [Fact]
    public void TruncatedFiles_FailCleanly()
    {
        byte[] bytes = FixtureFiles.ReadBytes(FixtureFiles.Crash);
        for (int length = 0; length < bytes.Length; length += length < 256 ? 1 : 97)
            ParseAndUse(bytes[..length]);
    }

    [Fact]
    public void CorruptedTables_FailCleanly()
    {
        // Flip bytes where the reader trusts offsets and sizes: ELF header, program headers, section
        // headers, the symbol table and .eh_frame. Each copy must parse, or fail with ElfFormatException.
        byte[] original = FixtureFiles.ReadBytes(FixtureFiles.Crash);
        ElfImage image = FixtureFiles.CrashImage;
        ulong sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(0x28));
        ElfSection symtab = image.FindSection(".symtab")!;
        ElfSection ehFrame = image.FindSection(".eh_frame")!;
        (int Start, int Length)[] regions =
        [
            (0, 64),
            (64, 56 * image.ProgramHeaders.Count),
            ((int)sectionTable, 64 * image.Sections.Count),
            ((int)symtab.FileOffset, (int)symtab.Size),
            ((int)ehFrame.FileOffset, (int)ehFrame.Size),
        ];
        var random = new Random(20261128);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            (int start, int length) = regions[trial % regions.Length];
            for (int flips = random.Next(1, 5); flips > 0; flips--)
                bytes[start + random.Next(length)] = (byte)random.Next(256);
            ParseAndUse(bytes);
        }
    }

    [Fact]
    public void Garbage_FailsCleanly()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 500; trial++)
        {
            byte[] bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (bytes.Length >= 20 && trial % 2 == 0)
            {
                // A plausible identification, so parsing gets past the first checks.
                bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
                bytes[4] = 2; bytes[5] = 1; bytes[6] = 1; bytes[18] = 62; bytes[19] = 0;
            }
            ParseAndUse(bytes);
        }
    }

    /// <summary>Parses and exercises everything built on the image; only ElfFormatException may escape.</summary>
    private static void ParseAndUse(byte[] bytes)
    {
        try
        {
            ElfImage image = ElfImage.Parse(bytes);
            _ = image.BuildId;
            foreach (ElfSection section in image.Sections)
                _ = image.GetSectionData(section).Length;
            SymbolTable symbols = SymbolTable.FromImage(image);
            symbols.TryLookup(0x4011ee, out _);
            EhFrameSection ehFrame = EhFrameSection.FromImage(image);
            foreach (FrameDescriptionEntry fde in ehFrame.Entries.Take(20))
                CallFrameInstructionInterpreter.ComputeRow(fde, fde.PcEnd - 1);
        }
        catch (ElfFormatException)
        {
        }
    }
}
