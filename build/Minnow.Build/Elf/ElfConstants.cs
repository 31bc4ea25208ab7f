namespace Minnow.Build.Elf;

/// <summary>The ELF64 numbers this toolchain writes (System V gABI and the x86-64 psABI).</summary>
public static class ElfConstants
{
    public const ushort TypeRelocatable = 1;
    public const ushort MachineX86_64 = 62;

    public const uint SectionProgBits = 1;
    public const uint SectionSymTab = 2;
    public const uint SectionStrTab = 3;
    public const uint SectionRela = 4;
    public const uint SectionNote = 7;
    public const uint SectionNoBits = 8;

    public const ulong FlagWrite = 1;
    public const ulong FlagAlloc = 2;
    public const ulong FlagExec = 4;
    public const ulong FlagInfoLink = 0x40;
    public const ulong FlagTls = 0x400;

    public const byte BindLocal = 0;
    public const byte BindGlobal = 1;

    public const byte SymbolNoType = 0;
    public const byte SymbolObject = 1;
    public const byte SymbolFunc = 2;
    public const byte SymbolSection = 3;
    public const byte SymbolTls = 6;

    public const byte VisibilityHidden = 2;

    public const uint RelocAbs64 = 1;     // R_X86_64_64: S + A
    public const uint RelocPc32 = 2;      // R_X86_64_PC32: S + A - P
    public const uint RelocAbs32 = 10;    // R_X86_64_32: S + A, zero-extended

    public const int HeaderSize = 64;
    public const int SectionHeaderSize = 64;
    public const int SymbolSize = 24;
    public const int RelaSize = 24;
}
