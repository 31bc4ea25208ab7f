namespace Minnow.Qemu.Symbolization;

/// <summary>ELF sh_type (the values this reader looks at; others keep their number).</summary>
public enum ElfSectionType : uint
{
    Null = 0,
    ProgBits = 1,
    SymbolTable = 2,
    StringTable = 3,
    Rela = 4,
    Hash = 5,
    Dynamic = 6,
    Note = 7,
    NoBits = 8,
    Rel = 9,
    DynamicSymbols = 11,
    InitArray = 14,
    FiniArray = 15,
    Group = 17,
    SymbolTableIndex = 18,
    GnuHash = 0x6ffffff6,
    X86_64Unwind = 0x70000001,
}
