namespace Minnow.Build.Elf;

/// <summary>What a section of a generated object holds; decides its ELF type and flags.</summary>
public enum ElfSectionKind
{
    Code,
    Data,
    ReadOnlyData,
    Bss,
    /// <summary>Zero-initialised thread-local storage (.tbss): SHT_NOBITS with SHF_TLS.</summary>
    ThreadLocalBss,
    Note,
}
