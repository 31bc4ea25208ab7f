using Minnow.Qemu.Symbolization;

namespace Minnow.Build.Tests;

/// <summary>One RELA entry, with its symbol resolved.</summary>
internal readonly record struct ParsedRelocation(ulong Offset, ElfSymbol Symbol, uint Type, long Addend);
