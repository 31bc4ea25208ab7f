using System.Buffers.Binary;
using System.Text;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// A parsed ELF64 little-endian x86-64 file (executable, PIE/shared object or relocatable object):
/// section and program headers, the .symtab symbols and the notes. Everything is read and validated
/// up front, so a malformed file fails in <see cref="Parse"/> with an <see cref="ElfFormatException"/>
/// and the accessors afterwards cannot throw on bad offsets.
/// </summary>
public sealed class ElfImage
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const int SymbolEntrySize = 24;
    private const ushort MachineX86_64 = 62;
    private const ushort ExtendedSectionIndex = 0xffff;

    private readonly byte[] _bytes;
    private readonly Dictionary<string, ElfSection> _sectionsByName = new(StringComparer.Ordinal);

    private ElfImage(byte[] bytes, string? path)
    {
        _bytes = bytes;
        Path = path;
        var header = new ByteCursor(bytes, "ELF header");
        ReadIdentification(ref header);
        FileType = (ElfFileType)header.ReadUInt16();
        Machine = header.ReadUInt16();
        if (Machine != MachineX86_64)
            throw new ElfFormatException($"ELF header: machine {Machine} is not x86-64 (62)");
        header.Skip(4); // e_version
        EntryPoint = header.ReadUInt64();
        ulong programHeaderOffset = header.ReadUInt64();
        ulong sectionHeaderOffset = header.ReadUInt64();
        header.Skip(4 + 2); // e_flags, e_ehsize
        ushort programHeaderEntrySize = header.ReadUInt16();
        ushort programHeaderCount = header.ReadUInt16();
        ushort sectionHeaderEntrySize = header.ReadUInt16();
        ushort sectionHeaderCount = header.ReadUInt16();
        ushort sectionNameTableIndex = header.ReadUInt16();

        ProgramHeaders = ReadProgramHeaders(programHeaderOffset, programHeaderEntrySize, programHeaderCount);
        Sections = ReadSections(sectionHeaderOffset, sectionHeaderEntrySize, sectionHeaderCount, sectionNameTableIndex);
        foreach (ElfSection section in Sections)
            _sectionsByName.TryAdd(section.Name, section);
        Symbols = ReadSymbols();
        Notes = ReadNotes();
    }

    /// <summary>Where the file was loaded from (null when parsed from bytes); addr2line needs it.</summary>
    public string? Path { get; }

    public ElfFileType FileType { get; }

    public ushort Machine { get; }

    public ulong EntryPoint { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; }

    /// <summary>The .symtab entries (without the null entry 0); empty for a stripped file.</summary>
    public IReadOnlyList<ElfSymbol> Symbols { get; }

    /// <summary>Notes from SHT_NOTE sections, or from PT_NOTE segments when there are no sections.</summary>
    public IReadOnlyList<ElfNote> Notes { get; }

    /// <summary>The GNU build ID as lowercase hex, or null; identifies exactly which build a guest ran.</summary>
    public string? BuildId =>
        Notes.FirstOrDefault(n => n.Owner == "GNU" && n.Type == ElfNote.GnuBuildIdType) is { } note
            ? Convert.ToHexStringLower(note.Descriptor.Span)
            : null;

    public static ElfImage Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ElfFormatException($"{path}: cannot read: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static ElfImage Parse(byte[] bytes, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return new ElfImage(bytes, path);
        }
        catch (ElfFormatException e) when (path is not null)
        {
            throw new ElfFormatException($"{path}: {e.Message}");
        }
    }

    public ElfSection? FindSection(string name) => _sectionsByName.GetValueOrDefault(name);

    /// <summary>
    /// The section's bytes as stored in the file: empty for NOBITS. SHF_COMPRESSED sections (such as
    /// compressed .debug_*) are returned compressed; nothing here needs their contents.
    /// </summary>
    public ReadOnlyMemory<byte> GetSectionData(ElfSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!section.HasFileData)
            return ReadOnlyMemory<byte>.Empty;
        // Bounds were validated when the section headers were read.
        return _bytes.AsMemory((int)section.FileOffset, (int)section.Size);
    }

    /// <summary>
    /// Copies the image's bytes at a virtual address (through allocated sections, or loadable
    /// segments when the file has no section headers). False when any byte is not in the file,
    /// for example in .bss or in a section that a trimmed debug file turned into NOBITS.
    /// </summary>
    public bool TryReadBytes(ulong address, Span<byte> destination)
    {
        ulong length = (ulong)destination.Length;
        foreach (ElfSection section in Sections)
        {
            if (section.IsAllocated && section.HasFileData && Covers(section.Address, section.Size, address, length))
            {
                _bytes.AsSpan((int)(section.FileOffset + (address - section.Address)), destination.Length).CopyTo(destination);
                return true;
            }
        }
        if (Sections.Count == 0)
        {
            foreach (ElfProgramHeader segment in ProgramHeaders)
            {
                if (segment.Type == ElfSegmentType.Load && Covers(segment.VirtualAddress, segment.FileSize, address, length))
                {
                    _bytes.AsSpan((int)(segment.FileOffset + (address - segment.VirtualAddress)), destination.Length).CopyTo(destination);
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Covers(ulong start, ulong size, ulong address, ulong length) =>
        address >= start && address - start <= size && length <= size - (address - start);

    private void ReadIdentification(ref ByteCursor header)
    {
        if (_bytes.Length < HeaderSize)
            throw new ElfFormatException($"ELF header: file has {_bytes.Length} bytes, fewer than the 64-byte ELF64 header");
        ReadOnlySpan<byte> expectedMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];
        if (!header.ReadBytes(4).Span.SequenceEqual(expectedMagic))
            throw new ElfFormatException("ELF header: not an ELF file (bad magic)");
        byte elfClass = header.ReadUInt8();
        if (elfClass != 2)
            throw new ElfFormatException($"ELF header: class {elfClass} is not ELF64 (2)");
        byte dataEncoding = header.ReadUInt8();
        if (dataEncoding != 1)
            throw new ElfFormatException($"ELF header: data encoding {dataEncoding} is not little-endian (1)");
        byte version = header.ReadUInt8();
        if (version != 1)
            throw new ElfFormatException($"ELF header: version {version} is not 1");
        header.Seek(16);
    }

    /// <summary>Checks that a table of count entries of entrySize bytes at offset lies inside the file.</summary>
    private void RequireInFile(string what, ulong offset, ulong entrySize, ulong count)
    {
        ulong size = entrySize * count; // both are at most 2^32, so this cannot overflow
        if (offset > (ulong)_bytes.Length || size > (ulong)_bytes.Length - offset)
            throw new ElfFormatException($"{what}: 0x{size:x} bytes at offset 0x{offset:x} run past the end of the {_bytes.Length}-byte file");
    }

    private List<ElfProgramHeader> ReadProgramHeaders(ulong offset, ushort entrySize, ushort count)
    {
        var headers = new List<ElfProgramHeader>();
        if (offset == 0 || count == 0)
            return headers;
        if (entrySize != ProgramHeaderSize)
            throw new ElfFormatException($"ELF header: program header entry size {entrySize} is not {ProgramHeaderSize}");
        RequireInFile("program header table", offset, entrySize, count);
        for (int i = 0; i < count; i++)
        {
            var cursor = new ByteCursor(_bytes, "program header table", (int)offset + i * ProgramHeaderSize);
            var type = (ElfSegmentType)cursor.ReadUInt32();
            var flags = (ElfSegmentFlags)cursor.ReadUInt32();
            headers.Add(new ElfProgramHeader(
                i,
                type,
                flags,
                FileOffset: cursor.ReadUInt64(),
                VirtualAddress: cursor.ReadUInt64(),
                PhysicalAddress: cursor.ReadUInt64(),
                FileSize: cursor.ReadUInt64(),
                MemorySize: cursor.ReadUInt64(),
                Alignment: cursor.ReadUInt64()));
        }
        return headers;
    }

    private List<ElfSection> ReadSections(ulong offset, ushort entrySize, ushort count, ushort nameTableIndex)
    {
        var sections = new List<ElfSection>();
        if (offset == 0)
            return sections;
        if (entrySize != SectionHeaderSize)
            throw new ElfFormatException($"ELF header: section header entry size {entrySize} is not {SectionHeaderSize}");
        RequireInFile("section header table", offset, entrySize, 1);
        var first = new ByteCursor(_bytes, "section header 0", (int)offset + 32);
        ulong extendedCount = first.ReadUInt64(); // sh_size of entry 0: the count when e_shnum is 0
        uint extendedNameIndex = first.ReadUInt32(); // sh_link of entry 0: the index when e_shstrndx is SHN_XINDEX
        ulong sectionCount = count == 0 ? extendedCount : count;
        uint nameIndex = nameTableIndex == ExtendedSectionIndex ? extendedNameIndex : nameTableIndex;
        if (sectionCount > (ulong)_bytes.Length / SectionHeaderSize)
            throw new ElfFormatException($"section header table: {sectionCount} entries cannot fit in the file");
        RequireInFile("section header table", offset, entrySize, sectionCount);

        var raw = new List<(uint NameOffset, ElfSection Header)>();
        for (int i = 0; i < (int)sectionCount; i++)
        {
            var cursor = new ByteCursor(_bytes, $"section header {i}", (int)offset + i * SectionHeaderSize);
            uint nameOffset = cursor.ReadUInt32();
            var section = new ElfSection(
                i,
                Name: "",
                Type: (ElfSectionType)cursor.ReadUInt32(),
                Flags: (ElfSectionFlags)cursor.ReadUInt64(),
                Address: cursor.ReadUInt64(),
                FileOffset: cursor.ReadUInt64(),
                Size: cursor.ReadUInt64(),
                Link: cursor.ReadUInt32(),
                Info: cursor.ReadUInt32(),
                Alignment: cursor.ReadUInt64(),
                EntrySize: cursor.ReadUInt64());
            if (section.HasFileData)
                RequireInFile($"section {i} data", section.FileOffset, 1, section.Size);
            raw.Add((nameOffset, section));
        }

        if (raw.Count == 0)
            return sections;
        if (nameIndex >= raw.Count || !raw[(int)nameIndex].Header.HasFileData)
            throw new ElfFormatException($"ELF header: section name table index {nameIndex} is not a section with data");
        ElfSection nameTable = raw[(int)nameIndex].Header;
        foreach ((uint nameOffset, ElfSection header) in raw)
            sections.Add(header with { Name = ReadString(nameTable, nameOffset, $"name of section {header.Index}") });
        return sections;
    }

    private string ReadString(ElfSection table, uint offset, string what)
    {
        if (offset == 0)
            return "";
        if (offset >= table.Size)
            throw new ElfFormatException($"{what}: string offset 0x{offset:x} is outside {table.Name} (0x{table.Size:x} bytes)");
        ReadOnlySpan<byte> rest = _bytes.AsSpan((int)(table.FileOffset + offset), (int)(table.Size - offset));
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            throw new ElfFormatException($"{what}: string at 0x{offset:x} in {table.Name} is not NUL-terminated");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    private List<ElfSymbol> ReadSymbols()
    {
        var symbols = new List<ElfSymbol>();
        ElfSection? table = Sections.FirstOrDefault(s => s.Type == ElfSectionType.SymbolTable);
        if (table is null)
            return symbols;
        if (table.EntrySize != SymbolEntrySize || table.Size % SymbolEntrySize != 0)
            throw new ElfFormatException($"{table.Name}: entry size {table.EntrySize} and size 0x{table.Size:x} do not describe {SymbolEntrySize}-byte symbols");
        if (table.Link >= Sections.Count || Sections[(int)table.Link].Type != ElfSectionType.StringTable)
            throw new ElfFormatException($"{table.Name}: linked string table {table.Link} is not a string table");
        ElfSection strings = Sections[(int)table.Link];

        int count = (int)(table.Size / SymbolEntrySize);
        for (int i = 1; i < count; i++) // entry 0 is the reserved null symbol
        {
            var cursor = new ByteCursor(_bytes, $"{table.Name} entry {i}", (int)table.FileOffset + i * SymbolEntrySize);
            uint nameOffset = cursor.ReadUInt32();
            byte info = cursor.ReadUInt8();
            cursor.Skip(1); // st_other (visibility)
            ushort sectionIndex = cursor.ReadUInt16();
            ulong value = cursor.ReadUInt64();
            ulong size = cursor.ReadUInt64();
            if (sectionIndex is > 0 and < 0xff00 && sectionIndex >= Sections.Count)
                throw new ElfFormatException($"{table.Name} entry {i}: section index {sectionIndex} does not exist");
            string name = ReadString(strings, nameOffset, $"{table.Name} entry {i}");
            symbols.Add(new ElfSymbol(name, value, size, (ElfSymbolType)(info & 0xf), (ElfSymbolBinding)(info >> 4), sectionIndex));
        }
        return symbols;
    }

    private List<ElfNote> ReadNotes()
    {
        var notes = new List<ElfNote>();
        if (Sections.Count > 0)
        {
            foreach (ElfSection section in Sections.Where(s => s.Type == ElfSectionType.Note))
                ReadNoteEntries(GetSectionData(section), section.Alignment, section.Name, notes);
            return notes;
        }
        foreach (ElfProgramHeader segment in ProgramHeaders.Where(p => p.Type == ElfSegmentType.Note))
        {
            RequireInFile($"note segment {segment.Index}", segment.FileOffset, 1, segment.FileSize);
            ReadNoteEntries(_bytes.AsMemory((int)segment.FileOffset, (int)segment.FileSize), segment.Alignment, $"segment {segment.Index}", notes);
        }
        return notes;
    }

    private static void ReadNoteEntries(ReadOnlyMemory<byte> data, ulong alignment, string source, List<ElfNote> notes)
    {
        // Names and descriptors are padded to 4 bytes, or 8 in 8-aligned containers (.note.gnu.property).
        int padding = alignment == 8 ? 8 : 4;
        var cursor = new ByteCursor(data, $"notes in {source}");
        while (cursor.Remaining > 0)
        {
            if (cursor.Remaining < 12)
                throw cursor.Error("note header is truncated");
            uint nameSize = cursor.ReadUInt32();
            uint descriptorSize = cursor.ReadUInt32();
            uint type = cursor.ReadUInt32();
            if (nameSize > (uint)cursor.Remaining || descriptorSize > (uint)cursor.Remaining)
                throw cursor.Error($"note sizes {nameSize}/{descriptorSize} run past the end");
            ReadOnlySpan<byte> name = cursor.ReadBytes((int)nameSize).Span;
            int nul = name.IndexOf((byte)0);
            string owner = Encoding.UTF8.GetString(nul >= 0 ? name[..nul] : name);
            cursor.Skip(Math.Min(Pad(cursor.Position, padding) - cursor.Position, cursor.Remaining));
            if (descriptorSize > (uint)cursor.Remaining)
                throw cursor.Error($"note descriptor of {descriptorSize} bytes runs past the end");
            ReadOnlyMemory<byte> descriptor = cursor.ReadBytes((int)descriptorSize);
            cursor.Skip(Math.Min(Pad(cursor.Position, padding) - cursor.Position, cursor.Remaining));
            notes.Add(new ElfNote(owner, type, descriptor, source));
        }
    }

    private static int Pad(int value, int alignment) => (value + alignment - 1) & ~(alignment - 1);
}
