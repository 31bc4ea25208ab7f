using Minnow.Build.Stubs;
using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>The object StubCatalog generates, parsed once for all tests.</summary>
internal static class StubObject
{
    private static readonly Lazy<byte[]> s_bytes = new(() => StubCatalog.BuildObject());
    private static readonly Lazy<ElfImage> s_elf = new(() => ElfImage.Parse(s_bytes.Value));

    public static byte[] Bytes => s_bytes.Value;

    public static ElfImage Elf => s_elf.Value;

    public static ElfSymbol Symbol(string name) =>
        Elf.Symbols.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"the stub object has no symbol {name}");

    public static ElfSection SectionOf(ElfSymbol symbol) => Elf.Sections[symbol.SectionIndex];

    /// <summary>The bytes of a defined symbol (its st_size bytes at st_value in its section).</summary>
    public static byte[] BytesOf(string name)
    {
        var symbol = Symbol(name);
        var section = SectionOf(symbol);
        return Elf.GetSectionData(section).Span.Slice((int)symbol.Value, (int)symbol.Size).ToArray();
    }

    /// <summary>Relocations that fall inside a defined symbol, with offsets relative to the symbol.</summary>
    public static IReadOnlyList<ParsedRelocation> RelocationsIn(string name)
    {
        var symbol = Symbol(name);
        var section = SectionOf(symbol);
        return ElfRelocationReader.For(Elf, section.Name)
            .Where(r => r.Offset >= symbol.Value && r.Offset < symbol.Value + symbol.Size)
            .Select(r => r with { Offset = r.Offset - symbol.Value })
            .ToList();
    }
}
