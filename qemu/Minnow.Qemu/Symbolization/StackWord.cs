namespace Minnow.Qemu.Symbolization;

/// <summary>One 64-bit word of the guest's stack dump.</summary>
public readonly record struct StackWord(ulong Address, ulong Value);
