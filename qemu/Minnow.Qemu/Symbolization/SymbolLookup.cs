namespace Minnow.Qemu.Symbolization;

/// <summary>The symbol an address falls in, and how far into it.</summary>
public readonly record struct SymbolLookup(ElfSymbol Symbol, ulong Offset);
