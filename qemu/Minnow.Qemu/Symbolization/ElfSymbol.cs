namespace Minnow.Qemu.Symbolization;

/// <summary>
/// One .symtab entry. In an executable <see cref="Value"/> is a virtual address; in a relocatable
/// object it is an offset inside section <see cref="SectionIndex"/>.
/// </summary>
public sealed record ElfSymbol(
    string Name,
    ulong Value,
    ulong Size,
    ElfSymbolType Type,
    ElfSymbolBinding Binding,
    ushort SectionIndex)
{
    /// <summary>SHN_UNDEF: an import, with no address in this file.</summary>
    public bool IsDefined => SectionIndex != 0;

    /// <summary>SHN_ABS and other reserved indices (0xff00 and up) name no real section.</summary>
    public bool HasSection => SectionIndex is > 0 and < 0xff00;
}
