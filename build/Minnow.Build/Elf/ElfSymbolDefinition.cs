namespace Minnow.Build.Elf;

/// <summary>A symbol defined inside a section of a generated object.</summary>
public readonly record struct ElfSymbolDefinition(string Name, ulong Offset, ulong Size, byte Type, bool Global);
