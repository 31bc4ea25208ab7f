namespace Minnow.Build.Elf;

/// <summary>A fix-up the linker applies at <see cref="Offset"/> of a section.</summary>
public readonly record struct ElfRelocation(ulong Offset, string Symbol, uint Type, long Addend);
