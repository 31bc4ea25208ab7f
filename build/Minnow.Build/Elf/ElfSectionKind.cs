namespace Minnow.Build.Elf;

/// <summary>What a section of a generated object holds; decides its ELF type and flags.</summary>
public enum ElfSectionKind
{
    Code,
    Data,
    ReadOnlyData,
    Bss,
    Note,
}
