using System.Buffers.Binary;
using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>Reads the RELA section that applies to a section (ElfImage reads headers, symbols and notes only).</summary>
internal static class ElfRelocationReader
{
    private const int EntrySize = 24;

    public static ElfSection? RelaFor(ElfImage elf, string sectionName)
    {
        var target = elf.FindSection(sectionName) ?? throw new InvalidOperationException($"no section {sectionName}");
        return elf.Sections.SingleOrDefault(s => s.Type == ElfSectionType.Rela && s.Info == (uint)target.Index);
    }

    public static IReadOnlyList<ParsedRelocation> For(ElfImage elf, string sectionName)
    {
        if (RelaFor(elf, sectionName) is not { } rela)
            return [];
        var data = elf.GetSectionData(rela).Span;
        var relocations = new List<ParsedRelocation>();
        for (int at = 0; at + EntrySize <= data.Length; at += EntrySize)
        {
            ulong info = BinaryPrimitives.ReadUInt64LittleEndian(data[(at + 8)..]);
            int symbol = (int)(info >> 32);
            relocations.Add(new ParsedRelocation(
                BinaryPrimitives.ReadUInt64LittleEndian(data[at..]),
                elf.Symbols[symbol - 1], // ElfImage leaves out the null symbol 0
                (uint)info,
                BinaryPrimitives.ReadInt64LittleEndian(data[(at + 16)..])));
        }
        return relocations;
    }
}
