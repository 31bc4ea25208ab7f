namespace Minnow.Qemu.Symbolization;

/// <summary>One ELF program header (segment).</summary>
public sealed record ElfProgramHeader(
    int Index,
    ElfSegmentType Type,
    ElfSegmentFlags Flags,
    ulong FileOffset,
    ulong VirtualAddress,
    ulong PhysicalAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Alignment);
