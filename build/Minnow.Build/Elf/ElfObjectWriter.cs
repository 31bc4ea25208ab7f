using System.Buffers.Binary;
using System.Text;

namespace Minnow.Build.Elf;

/// <summary>
/// Writes an ELF64 x86-64 relocatable object (what ld.lld links beside ilc's output).
/// Only the features the stub generator needs: progbits/nobits/note sections (nobits also thread-local), symbols, RELA relocations.
/// </summary>
public sealed class ElfObjectWriter
{
    private readonly List<ElfSectionBuilder> _sections = new();

    public ElfSectionBuilder AddSection(string name, ElfSectionKind kind, ulong alignment)
    {
        if (_sections.Any(s => s.Name == name))
            throw new ArgumentException($"section {name} is already defined");
        var section = new ElfSectionBuilder(name, kind, alignment);
        _sections.Add(section);
        return section;
    }

    public byte[] Write()
    {
        var definedIn = new Dictionary<string, int>();
        for (int i = 0; i < _sections.Count; i++)
            foreach (var symbol in _sections[i].Symbols)
                if (!definedIn.TryAdd(symbol.Name, i))
                    throw new InvalidOperationException($"symbol {symbol.Name} is defined twice");

        // Symbol table: null, locals, then globals (defined and undefined), as the gABI requires.
        var strtab = new StringTableBuilder();
        var symbols = new List<(uint Name, byte Info, ushort Section, ulong Value, ulong Size, byte Other)> { default };
        var symbolIndex = new Dictionary<string, int>();
        int firstGlobal = 1;
        foreach (bool global in new[] { false, true })
        {
            if (global)
                firstGlobal = symbols.Count;
            for (int i = 0; i < _sections.Count; i++)
            {
                foreach (var s in _sections[i].Symbols.Where(s => s.Global == global))
                {
                    symbolIndex[s.Name] = symbols.Count;
                    byte bind = global ? ElfConstants.BindGlobal : ElfConstants.BindLocal;
                    symbols.Add((strtab.Add(s.Name), (byte)((bind << 4) | s.Type), (ushort)(i + 1), s.Offset, s.Size, 0));
                }
            }
        }
        foreach (var name in _sections.SelectMany(s => s.Relocations).Select(r => r.Symbol).Distinct())
        {
            if (symbolIndex.ContainsKey(name))
                continue;
            symbolIndex[name] = symbols.Count;
            symbols.Add((strtab.Add(name), (byte)((ElfConstants.BindGlobal << 4) | ElfConstants.SymbolNoType), 0, 0, 0, 0));
        }

        var shstrtab = new StringTableBuilder();
        var headers = new List<SectionHeader> { default };
        var blobs = new List<byte[]?> { null };

        foreach (var section in _sections)
        {
            (uint type, ulong flags) = section.Kind switch
            {
                ElfSectionKind.Code => (ElfConstants.SectionProgBits, ElfConstants.FlagAlloc | ElfConstants.FlagExec),
                ElfSectionKind.Data => (ElfConstants.SectionProgBits, ElfConstants.FlagAlloc | ElfConstants.FlagWrite),
                ElfSectionKind.ReadOnlyData => (ElfConstants.SectionProgBits, ElfConstants.FlagAlloc),
                ElfSectionKind.Bss => (ElfConstants.SectionNoBits, ElfConstants.FlagAlloc | ElfConstants.FlagWrite),
                ElfSectionKind.ThreadLocalBss => (ElfConstants.SectionNoBits, ElfConstants.FlagAlloc | ElfConstants.FlagWrite | ElfConstants.FlagTls),
                ElfSectionKind.Note => (ElfConstants.SectionNote, ElfConstants.FlagAlloc),
                _ => throw new InvalidOperationException(section.Kind.ToString()),
            };
            headers.Add(new SectionHeader(shstrtab.Add(section.Name), type, flags, section.Size, 0, 0, section.Alignment, 0));
            blobs.Add(section.IsNoBits ? null : section.Bytes.ToArray());
        }

        int symtabIndex = headers.Count + _sections.Count(s => s.Relocations.Count > 0);
        for (int i = 0; i < _sections.Count; i++)
        {
            var relocations = _sections[i].Relocations;
            if (relocations.Count == 0)
                continue;
            var rela = new byte[relocations.Count * ElfConstants.RelaSize];
            for (int r = 0; r < relocations.Count; r++)
            {
                var span = rela.AsSpan(r * ElfConstants.RelaSize);
                BinaryPrimitives.WriteUInt64LittleEndian(span, relocations[r].Offset);
                BinaryPrimitives.WriteUInt64LittleEndian(span[8..], ((ulong)symbolIndex[relocations[r].Symbol] << 32) | relocations[r].Type);
                BinaryPrimitives.WriteInt64LittleEndian(span[16..], relocations[r].Addend);
            }
            headers.Add(new SectionHeader(shstrtab.Add(".rela" + _sections[i].Name), ElfConstants.SectionRela,
                ElfConstants.FlagInfoLink, (ulong)rela.Length, (uint)symtabIndex, (uint)(i + 1), 8, ElfConstants.RelaSize));
            blobs.Add(rela);
        }

        var symtab = new byte[symbols.Count * ElfConstants.SymbolSize];
        for (int s = 0; s < symbols.Count; s++)
        {
            var span = symtab.AsSpan(s * ElfConstants.SymbolSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span, symbols[s].Name);
            span[4] = symbols[s].Info;
            span[5] = symbols[s].Other;
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], symbols[s].Section);
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], symbols[s].Value);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], symbols[s].Size);
        }
        int strtabIndex = symtabIndex + 1;
        headers.Add(new SectionHeader(shstrtab.Add(".symtab"), ElfConstants.SectionSymTab, 0, (ulong)symtab.Length,
            (uint)strtabIndex, (uint)firstGlobal, 8, ElfConstants.SymbolSize));
        blobs.Add(symtab);
        var strtabBytes = strtab.ToArray();
        headers.Add(new SectionHeader(shstrtab.Add(".strtab"), ElfConstants.SectionStrTab, 0, (ulong)strtabBytes.Length, 0, 0, 1, 0));
        blobs.Add(strtabBytes);
        uint shstrName = shstrtab.Add(".shstrtab");
        var shstrBytes = shstrtab.ToArray();
        headers.Add(new SectionHeader(shstrName, ElfConstants.SectionStrTab, 0, (ulong)shstrBytes.Length, 0, 0, 1, 0));
        blobs.Add(shstrBytes);

        // File layout: header, each section's bytes at its alignment, then the section header table.
        var output = new MemoryStream();
        output.Write(new byte[ElfConstants.HeaderSize]);
        var offsets = new ulong[headers.Count];
        for (int i = 1; i < headers.Count; i++)
        {
            if (blobs[i] is not { } blob)
                continue;
            ulong align = Math.Max(1, headers[i].Alignment);
            while ((ulong)output.Length % align != 0)
                output.WriteByte(0);
            offsets[i] = (ulong)output.Length;
            output.Write(blob);
        }
        while (output.Length % 8 != 0)
            output.WriteByte(0);
        ulong shoff = (ulong)output.Length;
        for (int i = 0; i < headers.Count; i++)
            output.Write(headers[i].Encode(offsets[i]));

        var bytes = output.ToArray();
        WriteHeader(bytes, shoff, (ushort)headers.Count, (ushort)(headers.Count - 1));
        return bytes;
    }

    private static void WriteHeader(Span<byte> bytes, ulong shoff, ushort sectionCount, ushort shstrndx)
    {
        bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        bytes[4] = 2;    // ELFCLASS64
        bytes[5] = 1;    // little-endian
        bytes[6] = 1;    // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[16..], ElfConstants.TypeRelocatable);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[18..], ElfConstants.MachineX86_64);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[52..], ElfConstants.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[58..], ElfConstants.SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[60..], sectionCount);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[62..], shstrndx);
    }

    private readonly record struct SectionHeader(uint Name, uint Type, ulong Flags, ulong Size, uint Link, uint Info, ulong Alignment, ulong EntrySize)
    {
        public byte[] Encode(ulong offset)
        {
            var b = new byte[ElfConstants.SectionHeaderSize];
            if (Type == 0 && Name == 0)
                return b;
            BinaryPrimitives.WriteUInt32LittleEndian(b, Name);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), Type);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(24), offset);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(32), Size);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(40), Link);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(44), Info);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(48), Alignment);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(56), EntrySize);
            return b;
        }
    }

    private sealed class StringTableBuilder
    {
        private readonly MemoryStream _bytes = new(new byte[] { 0 }.Length);
        private readonly Dictionary<string, uint> _offsets = new();

        public StringTableBuilder() => _bytes.WriteByte(0);

        public uint Add(string s)
        {
            if (_offsets.TryGetValue(s, out uint existing))
                return existing;
            uint offset = (uint)_bytes.Length;
            _bytes.Write(Encoding.UTF8.GetBytes(s));
            _bytes.WriteByte(0);
            _offsets[s] = offset;
            return offset;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
