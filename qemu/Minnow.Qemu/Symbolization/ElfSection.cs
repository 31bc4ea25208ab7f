namespace Minnow.Qemu.Symbolization;

/// <summary>One ELF section header, with its name resolved from .shstrtab.</summary>
public sealed record ElfSection(
    int Index,
    string Name,
    ElfSectionType Type,
    ElfSectionFlags Flags,
    ulong Address,
    ulong FileOffset,
    ulong Size,
    uint Link,
    uint Info,
    ulong Alignment,
    ulong EntrySize)
{
    /// <summary>True when the section occupies bytes in the file (NOBITS and NULL do not).</summary>
    public bool HasFileData => Type is not (ElfSectionType.NoBits or ElfSectionType.Null);

    /// <summary>True when the section is part of the loaded image (its Address is meaningful).</summary>
    public bool IsAllocated => (Flags & ElfSectionFlags.Alloc) != 0;

    public bool IsExecutable => (Flags & ElfSectionFlags.Execute) != 0;

    public bool ContainsAddress(ulong address) =>
        IsAllocated && address >= Address && address - Address < Size;
}
